// Pipeline decisions (DOMAIN.md "Deals, pipelines, activities"). Checks run in order:
//  1. Only admin and manager edit pipelines → not_permitted.
//  2. create_pipeline: an id in use → already_exists; the stages must be valid
//     (invalid_stages). Every other command on a missing pipeline → not_found.
//  3. add: a valid stage with a new id (invalid_stages otherwise), at a position within
//     the list or at its end.
//  4. update: the stage must exist (unknown_stage); a name must be non-empty and a
//     probability within 0–100 (invalid_stages); no change → nothing_to_change.
//  5. reorder: the order must name every stage exactly once (unknown_stage for an id the
//     pipeline lacks, invalid_stages for a missing or repeated one); same order →
//     nothing_to_change.
//  6. remove: the stage must exist; not the only one (last_stage); no open deal in it
//     (stage_has_open_deals).
#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/pipeline.hpp"

#include <algorithm>
#include <set>

namespace ventros::domain {
namespace {

std::unexpected<pipeline_error> refuse(pipeline_error e) {
    return std::unexpected(e);
}

bool valid_probability(int p) noexcept {
    return p >= 0 && p <= 100;
}

bool valid_stage(const pipeline_stage& s) noexcept {
    return !s.id.empty() && !s.name.empty() && valid_probability(s.probability);
}

bool valid_stages(const std::vector<pipeline_stage>& stages) {
    std::set<std::string_view> ids;
    return !stages.empty() && std::ranges::all_of(stages, [&](const pipeline_stage& s) {
        return valid_stage(s) && ids.insert(s.id).second;
    });
}

pipeline_decision decide_on(const create_pipeline&, const pipeline_state&, const pipeline_usage&) {
    return refuse(pipeline_error::already_exists);
}

pipeline_decision decide_on(const add_pipeline_stage& c, const pipeline_state& s,
                            const pipeline_usage&) {
    if (!valid_stage(c.stage) || s.find_stage(c.stage.id) != nullptr) {
        return refuse(pipeline_error::invalid_stages);
    }
    const auto position = std::min(c.position.value_or(s.stages.size()), s.stages.size());
    return std::vector<pipeline_event>{pipeline_stage_added{c.id, c.stage, position}};
}

pipeline_decision decide_on(const update_pipeline_stage& c, const pipeline_state& s,
                            const pipeline_usage&) {
    const auto* stage = s.find_stage(c.stage_id);
    if (stage == nullptr) {
        return refuse(pipeline_error::unknown_stage);
    }
    if ((c.name && c.name->empty()) || (c.probability && !valid_probability(*c.probability))) {
        return refuse(pipeline_error::invalid_stages);
    }
    pipeline_stage_updated e{.id = c.id, .stage_id = c.stage_id};
    if (c.name && *c.name != stage->name) {
        e.name = c.name;
    }
    if (c.probability && *c.probability != stage->probability) {
        e.probability = c.probability;
    }
    if (!e.name && !e.probability) {
        return refuse(pipeline_error::nothing_to_change);
    }
    return std::vector<pipeline_event>{std::move(e)};
}

pipeline_decision decide_on(const reorder_pipeline_stages& c, const pipeline_state& s,
                            const pipeline_usage&) {
    std::set<std::string_view> named;
    for (const auto& id : c.order) {
        if (s.find_stage(id) == nullptr) {
            return refuse(pipeline_error::unknown_stage);
        }
        if (!named.insert(id).second) {
            return refuse(pipeline_error::invalid_stages);
        }
    }
    if (named.size() != s.stages.size()) {
        return refuse(pipeline_error::invalid_stages);
    }
    if (std::ranges::equal(c.order, s.stages, {}, {}, &pipeline_stage::id)) {
        return refuse(pipeline_error::nothing_to_change);
    }
    return std::vector<pipeline_event>{pipeline_stages_reordered{c.id, c.order}};
}

pipeline_decision decide_on(const remove_pipeline_stage& c, const pipeline_state& s,
                            const pipeline_usage& usage) {
    if (s.find_stage(c.stage_id) == nullptr) {
        return refuse(pipeline_error::unknown_stage);
    }
    if (s.stages.size() == 1) {
        return refuse(pipeline_error::last_stage);
    }
    const auto open = usage.open_deals_by_stage.find(c.stage_id);
    if (open != usage.open_deals_by_stage.end() && open->second > 0) {
        return refuse(pipeline_error::stage_has_open_deals);
    }
    return std::vector<pipeline_event>{pipeline_stage_removed{c.id, c.stage_id}};
}

} // namespace

pipeline_decision decide(const pipeline_command& command,
                         const std::optional<pipeline_state>& state, const command_context& context,
                         const pipeline_usage& usage) {
    if (context.actor_role != role::admin && context.actor_role != role::manager) {
        return refuse(pipeline_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_pipeline>(&command); create != nullptr && !state) {
        if (create->name.empty() || !valid_stages(create->stages)) {
            return refuse(pipeline_error::invalid_stages);
        }
        return std::vector<pipeline_event>{
            pipeline_created{create->id, create->name, create->is_default, create->stages}};
    }
    if (!state) {
        return refuse(pipeline_error::not_found);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state, usage); }, command);
}

std::string_view to_string(pipeline_error e) noexcept {
    switch (e) {
    case pipeline_error::not_found:
        return "pipeline-not-found";
    case pipeline_error::already_exists:
        return "pipeline-already-exists";
    case pipeline_error::not_permitted:
        return "not-permitted";
    case pipeline_error::invalid_stages:
        return "invalid-stages";
    case pipeline_error::unknown_stage:
        return "unknown-stage";
    case pipeline_error::stage_has_open_deals:
        return "stage-has-open-deals";
    case pipeline_error::last_stage:
        return "last-stage";
    case pipeline_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

} // namespace ventros::domain
