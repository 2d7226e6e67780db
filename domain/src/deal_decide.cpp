// Deal decisions (DOMAIN.md "Deals, pipelines, activities"; issue 4's rules). Checks run in
// this order, the first that fails is the answer:
//  1. A viewer → not_permitted (anyone else may create).
//  2. create_deal: an id in use → already_exists; the pipeline must exist
//     (unknown_pipeline) and hold the stage, by default its first (unknown_stage); value
//     cents >= 0 and an ISO 4217 currency (invalid_value); a probability within 0–100
//     (invalid_probability). Probability follows the stage unless the command sets it.
//  3. Every other command on a missing deal → not_found.
//  4. An agent may act only on deals they own or created → not_permitted.
//  5. update_deal: a closed deal → deal_closed; values checked as on create; only fields
//     that differ go into deal_updated; none → nothing_to_change.
//  6. move_deal_stage: a closed deal → deal_closed; the stage must be in the deal's
//     pipeline (unknown_stage); same stage and probability → nothing_to_change.
//  7. win_deal / lose_deal: only an open deal (not_open: reopen first).
//  8. reopen_deal: only a closed deal (not_closed).
#include "ventros/domain/deal.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {
namespace {

std::unexpected<deal_error> refuse(deal_error e) {
    return std::unexpected(e);
}

bool valid_money(const money& m) noexcept {
    return m.cents >= 0 && is_iso4217(m.currency);
}

bool valid_probability(const std::optional<int>& p) noexcept {
    return !p || (*p >= 0 && *p <= 100);
}

bool is_permitted(const deal_state& state, const command_context& context) {
    return can_change_record(context.actor_role,
                             state.owner == context.actor || state.created_by == context.actor);
}

deal_decision decide_create(const create_deal& c, const pipeline_state* pipeline,
                            const command_context& context) {
    if (pipeline == nullptr || pipeline->id != c.pipeline) {
        return refuse(deal_error::unknown_pipeline);
    }
    const pipeline_stage* stage =
        c.stage ? pipeline->find_stage(*c.stage)
                : (pipeline->stages.empty() ? nullptr : &pipeline->stages.front());
    if (stage == nullptr) {
        return refuse(deal_error::unknown_stage);
    }
    if (!valid_money(c.value)) {
        return refuse(deal_error::invalid_value);
    }
    if (!valid_probability(c.probability)) {
        return refuse(deal_error::invalid_probability);
    }
    return std::vector<deal_event>{deal_created{
        .id = c.id,
        .title = c.title,
        .value = c.value,
        .pipeline = c.pipeline,
        .stage = stage->id,
        .probability = c.probability.value_or(stage->probability),
        .probability_overridden = c.probability.has_value(),
        .expected_close = c.expected_close,
        .owner = c.owner.value_or(context.actor),
        .lead = c.lead,
        .company = c.company,
    }};
}

deal_decision decide_on(const create_deal&, const deal_state&, const pipeline_state*) {
    return refuse(deal_error::already_exists);
}

deal_decision decide_on(const update_deal& c, const deal_state& s, const pipeline_state*) {
    if (s.status != deal_status::open) {
        return refuse(deal_error::deal_closed);
    }
    if (c.value && !valid_money(*c.value)) {
        return refuse(deal_error::invalid_value);
    }
    deal_updated e{.id = c.id};
    if (c.title && *c.title != s.title) {
        e.title = c.title;
    }
    if (c.expected_close && *c.expected_close != s.expected_close) {
        e.expected_close = c.expected_close;
    }
    if (c.company && *c.company != s.company) {
        e.company = c.company;
    }
    if (c.value && *c.value != s.value) {
        e.value = c.value;
    }
    if (c.owner && *c.owner != s.owner) {
        e.owner = c.owner;
    }
    if (!e.title && !e.value && !e.expected_close && !e.owner && !e.company) {
        return refuse(deal_error::nothing_to_change);
    }
    return std::vector<deal_event>{std::move(e)};
}

deal_decision decide_on(const move_deal_stage& c, const deal_state& s,
                        const pipeline_state* pipeline) {
    if (s.status != deal_status::open) {
        return refuse(deal_error::deal_closed);
    }
    const auto* stage = pipeline != nullptr ? pipeline->find_stage(c.stage) : nullptr;
    if (stage == nullptr) {
        return refuse(deal_error::unknown_stage);
    }
    if (!valid_probability(c.probability)) {
        return refuse(deal_error::invalid_probability);
    }
    const int probability = c.probability.value_or(stage->probability);
    if (stage->id == s.stage && probability == s.probability) {
        return refuse(deal_error::nothing_to_change);
    }
    return std::vector<deal_event>{
        deal_stage_moved{.id = c.id,
                         .from = s.stage,
                         .to = stage->id,
                         .probability = probability,
                         .probability_overridden = c.probability.has_value()}};
}

deal_decision decide_on(const win_deal& c, const deal_state& s, const pipeline_state*) {
    if (s.status != deal_status::open) {
        return refuse(deal_error::not_open);
    }
    return std::vector<deal_event>{deal_won{c.id, s.value}};
}

deal_decision decide_on(const lose_deal& c, const deal_state& s, const pipeline_state*) {
    if (s.status != deal_status::open) {
        return refuse(deal_error::not_open);
    }
    return std::vector<deal_event>{deal_lost{c.id, c.reason}};
}

deal_decision decide_on(const reopen_deal& c, const deal_state& s, const pipeline_state*) {
    if (s.status == deal_status::open) {
        return refuse(deal_error::not_closed);
    }
    return std::vector<deal_event>{deal_reopened{c.id, s.status}};
}

} // namespace

deal_decision decide(const deal_command& command, const std::optional<deal_state>& state,
                     const pipeline_state* pipeline, const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(deal_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_deal>(&command); create != nullptr && !state) {
        return decide_create(*create, pipeline, context);
    }
    if (!state) {
        return refuse(deal_error::not_found);
    }
    if (!is_permitted(*state, context)) {
        return refuse(deal_error::not_permitted);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state, pipeline); }, command);
}

std::string_view to_string(deal_error e) noexcept {
    switch (e) {
    case deal_error::not_found:
        return "deal-not-found";
    case deal_error::already_exists:
        return "deal-already-exists";
    case deal_error::not_permitted:
        return "not-permitted";
    case deal_error::unknown_pipeline:
        return "unknown-pipeline";
    case deal_error::unknown_stage:
        return "unknown-stage";
    case deal_error::invalid_value:
        return "invalid-value";
    case deal_error::invalid_probability:
        return "invalid-probability";
    case deal_error::deal_closed:
        return "deal-closed";
    case deal_error::not_open:
        return "deal-not-open";
    case deal_error::not_closed:
        return "deal-not-closed";
    case deal_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

} // namespace ventros::domain
