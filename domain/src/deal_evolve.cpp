#include "ventros/domain/deal.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {

const deal_id& subject_of(const deal_event& e) noexcept {
    return std::visit([](const auto& event) -> const deal_id& { return event.id; }, e);
}

const deal_id& subject_of(const deal_command& c) noexcept {
    return std::visit([](const auto& command) -> const deal_id& { return command.id; }, c);
}

std::string_view to_string(deal_status s) noexcept {
    switch (s) {
    case deal_status::open:
        return "open";
    case deal_status::won:
        return "won";
    case deal_status::lost:
        return "lost";
    }
    return "unknown";
}

deal_state evolve(const std::optional<deal_state>& state, const deal_event& event,
                  const user_id& actor) {
    deal_state next = state.value_or(deal_state{});
    std::visit(domain::overloaded{
                   [&](const deal_created& e) {
                       next = {.id = e.id,
                               .title = e.title,
                               .value = e.value,
                               .expected_close = e.expected_close,
                               .company = e.company,
                               .pipeline = e.pipeline,
                               .stage = e.stage,
                               .probability = e.probability,
                               .probability_overridden = e.probability_overridden,
                               .status = deal_status::open,
                               .owner = e.owner,
                               .created_by = actor,
                               .version = 0};
                   },
                   [&](const deal_updated& e) {
                       next.title = e.title.value_or(next.title);
                       next.value = e.value.value_or(next.value);
                       if (e.expected_close) {
                           next.expected_close = *e.expected_close;
                       }
                       if (e.company) {
                           next.company = *e.company;
                       }
                       next.owner = e.owner.value_or(next.owner);
                   },
                   [&](const deal_stage_moved& e) {
                       next.stage = e.to;
                       next.probability = e.probability;
                       next.probability_overridden = e.probability_overridden;
                   },
                   [&](const deal_won&) { next.status = deal_status::won; },
                   [&](const deal_lost&) { next.status = deal_status::lost; },
                   [&](const deal_reopened&) { next.status = deal_status::open; },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
