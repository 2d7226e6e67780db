#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/pipeline.hpp"

#include <algorithm>

namespace ventros::domain {
namespace {

std::vector<pipeline_stage>::iterator stage_at(pipeline_state& s, const std::string& id) {
    return std::ranges::find(s.stages, id, &pipeline_stage::id);
}

} // namespace

const pipeline_stage* pipeline_state::find_stage(std::string_view stage_id) const noexcept {
    const auto found = std::ranges::find(stages, stage_id, &pipeline_stage::id);
    return found == stages.end() ? nullptr : &*found;
}

const pipeline_id& subject_of(const pipeline_event& e) noexcept {
    return std::visit([](const auto& event) -> const pipeline_id& { return event.id; }, e);
}

const pipeline_id& subject_of(const pipeline_command& c) noexcept {
    return std::visit([](const auto& command) -> const pipeline_id& { return command.id; }, c);
}

pipeline_created default_pipeline(pipeline_id id) {
    return {.id = std::move(id),
            .name = "Sales",
            .is_default = true,
            .stages = {{"prospecting", "Prospecting", 10},
                       {"qualification", "Qualification", 25},
                       {"proposal", "Proposal", 50},
                       {"negotiation", "Negotiation", 75}}};
}

pipeline_state evolve(const std::optional<pipeline_state>& state, const pipeline_event& event) {
    pipeline_state next = state.value_or(pipeline_state{});
    std::visit(domain::overloaded{
                   [&](const pipeline_created& e) {
                       next = {.id = e.id,
                               .name = e.name,
                               .is_default = e.is_default,
                               .stages = e.stages,
                               .version = 0};
                   },
                   [&](const pipeline_stage_added& e) {
                       const auto at = std::min(e.position, next.stages.size());
                       next.stages.insert(next.stages.begin() + static_cast<long>(at), e.stage);
                   },
                   [&](const pipeline_stage_updated& e) {
                       const auto found = stage_at(next, e.stage_id);
                       if (found == next.stages.end()) {
                           return;
                       }
                       found->name = e.name.value_or(found->name);
                       found->probability = e.probability.value_or(found->probability);
                   },
                   [&](const pipeline_stages_reordered& e) {
                       std::vector<pipeline_stage> ordered;
                       for (const auto& id : e.order) {
                           if (const auto* stage = next.find_stage(id)) {
                               ordered.push_back(*stage);
                           }
                       }
                       next.stages = std::move(ordered);
                   },
                   [&](const pipeline_stage_removed& e) {
                       std::erase_if(next.stages,
                                     [&](const pipeline_stage& s) { return s.id == e.stage_id; });
                   },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
