#include "ventros/domain/lead.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {

lead_state evolve(const std::optional<lead_state>& state, const lead_event& event) {
    // Replay must stay total, so an event with no prior state starts from an empty one
    // instead of failing; `decide` never produces that case.
    lead_state next;
    if (state) {
        next = *state;
    } else {
        next.id = subject_of(event);
    }
    next.version += 1;
    std::visit(domain::overloaded{
                   [&](const lead_created& e) {
                       next = lead_state{};
                       next.id = e.id;
                       next.version = 1;
                       next.created_by = e.created_by;
                   },
                   [](const lead_updated&) {},
                   [&](const lead_stage_changed& e) { next.stage = e.to; },
                   [&](const lead_scored& e) {
                       next.score = e.score;
                       next.stage = e.stage;
                   },
                   [&](const lead_qualified&) { next.ever_qualified = true; },
                   [&](const lead_assigned& e) { next.assigned_to = e.agent; },
                   [&](const lead_lost&) { next.stage = lead_stage::lost; },
                   [&](const lead_converted&) { next.stage = lead_stage::converted; },
               },
               event);
    return next;
}

std::optional<lead_state> fold(const std::vector<lead_event>& events) {
    std::optional<lead_state> state;
    for (const auto& event : events) {
        state = evolve(state, event);
    }
    return state;
}

} // namespace ventros::domain
