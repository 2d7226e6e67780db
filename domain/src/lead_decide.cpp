// Lead decisions (DOMAIN.md "Leads and BANT"). Checks run in this order, the first that
// fails is the answer:
//  1. create_lead: a viewer → not_permitted; an id already in use → already_exists. The
//     name and contact fields arrive normalized and non-empty (the decoder checks them).
//     The actor becomes the creator; anyone but a viewer may create.
//  2. Every other command on a lead that does not exist → not_found.
//  3. Permission: a viewer → not_permitted (the gateway refuses viewers first; this
//     keeps the domain safe on its own). An agent may act only on leads they created or
//     that are assigned to them, and may assign a lead only to themselves. admin and
//     manager may do everything.
//  4. A converted lead refuses every command → already_converted.
//  5. A lost lead refuses answer_bant, assign_lead, convert_lead, a second mark_lead_lost
//     and a stage move → lead_is_lost; its contact fields may still be updated.
//  6. update_lead: a stage other than new/contacted → stage_not_settable; moving stage is
//     only allowed from new, contacted or unqualified (a qualified lead re-qualifies by
//     answering BANT again) → stage_not_settable. lead_updated carries the fields present
//     in the command (the write state holds no contact fields to compare with), then
//     lead_stage_changed when the stage differs; no event at all → nothing_to_change.
//  7. answer_bant: scored with the default table into lead_scored (qualified at >= 70,
//     else unqualified), followed by lead_qualified the first time the lead qualifies.
//  8. assign_lead: to a viewer → agent_role_not_assignable; to the current assignee →
//     nothing_to_change.
//  9. mark_lead_lost: the reason arrives non-empty (decoder checks).
// 10. convert_lead: below qualified without allow_unqualified → not_qualified.
#include "ventros/domain/lead.hpp"
#include "ventros/domain/overloaded.hpp"

#include <type_traits>

namespace ventros::domain {
namespace {

std::unexpected<lead_error> refuse(lead_error e) {
    return std::unexpected(e);
}

bool is_permitted(const lead_state& state, const command_context& context) {
    return can_change_record(context.actor_role, state.created_by == context.actor ||
                                                     state.assigned_to == context.actor);
}

lead_decision decide_create(const create_lead& c, const std::optional<lead_state>& state,
                            const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(lead_error::not_permitted);
    }
    if (state) {
        return refuse(lead_error::already_exists);
    }
    return std::vector<lead_event>{lead_created{
        .id = c.id,
        .name = c.name,
        .email = c.email,
        .phone = c.phone,
        .company = c.company,
        .source = c.source,
        .source_details = c.source_details,
        .tags = c.tags,
        .custom = c.custom,
        .created_by = context.actor,
    }};
}

bool is_stage_settable(lead_stage s) {
    return s == lead_stage::new_lead || s == lead_stage::contacted;
}

bool has_contact_fields(const update_lead& c) {
    return c.name || c.email || c.phone || c.company || c.tags || c.custom;
}

lead_decision decide_on(const update_lead& c, const lead_state& state) {
    std::vector<lead_event> events;
    if (has_contact_fields(c)) {
        events.emplace_back(lead_updated{
            .id = c.id,
            .name = c.name,
            .email = c.email,
            .phone = c.phone,
            .company = c.company,
            .tags = c.tags,
            .custom = c.custom,
        });
    }
    if (c.stage) {
        if (!is_stage_settable(*c.stage)) {
            return refuse(lead_error::stage_not_settable);
        }
        if (state.stage == lead_stage::lost) {
            return refuse(lead_error::lead_is_lost);
        }
        if (!is_stage_settable(state.stage) && state.stage != lead_stage::unqualified) {
            return refuse(lead_error::stage_not_settable);
        }
        if (*c.stage != state.stage) {
            events.emplace_back(
                lead_stage_changed{.id = c.id, .from = state.stage, .to = *c.stage});
        }
    }
    if (events.empty()) {
        return refuse(lead_error::nothing_to_change);
    }
    return events;
}

lead_decision decide_on(const answer_bant& c, const lead_state& state) {
    if (state.stage == lead_stage::lost) {
        return refuse(lead_error::lead_is_lost);
    }
    const bant_points points = score_bant(c.answers);
    const int score = points.total();
    const bool qualified = score >= default_min_score_to_qualify;
    std::vector<lead_event> events{lead_scored{
        .id = c.id,
        .answers = c.answers,
        .points = points,
        .score = score,
        .threshold = default_min_score_to_qualify,
        .flow_version = std::string{default_bant_flow_version},
        .stage = qualified ? lead_stage::qualified : lead_stage::unqualified,
    }};
    if (qualified && !state.ever_qualified) {
        events.emplace_back(lead_qualified{.id = c.id, .score = score});
    }
    return events;
}

lead_decision decide_on(const assign_lead& c, const lead_state& state) {
    if (state.stage == lead_stage::lost) {
        return refuse(lead_error::lead_is_lost);
    }
    if (c.agent_role == role::viewer) {
        return refuse(lead_error::agent_role_not_assignable);
    }
    if (state.assigned_to == c.agent) {
        return refuse(lead_error::nothing_to_change);
    }
    return std::vector<lead_event>{lead_assigned{
        .id = c.id,
        .agent = c.agent,
        .agent_role = c.agent_role,
        .previous = state.assigned_to,
    }};
}

lead_decision decide_on(const mark_lead_lost& c, const lead_state& state) {
    if (state.stage == lead_stage::lost) {
        return refuse(lead_error::lead_is_lost);
    }
    return std::vector<lead_event>{lead_lost{.id = c.id, .reason = c.reason}};
}

lead_decision decide_on(const convert_lead& c, const lead_state& state) {
    if (state.stage == lead_stage::lost) {
        return refuse(lead_error::lead_is_lost);
    }
    if (state.stage != lead_stage::qualified && !c.allow_unqualified) {
        return refuse(lead_error::not_qualified);
    }
    return std::vector<lead_event>{
        lead_converted{.id = c.id, .deal = c.deal, .score = state.score}};
}

template <class Command>
lead_decision decide_existing(const Command& c, const std::optional<lead_state>& state,
                              const command_context& context) {
    if (!state) {
        return refuse(lead_error::not_found);
    }
    if (!is_permitted(*state, context)) {
        return refuse(lead_error::not_permitted);
    }
    if constexpr (std::is_same_v<Command, assign_lead>) {
        if (context.actor_role == role::agent && c.agent != context.actor) {
            return refuse(lead_error::not_permitted);
        }
    }
    if (state->stage == lead_stage::converted) {
        return refuse(lead_error::already_converted);
    }
    return decide_on(c, *state);
}

} // namespace

lead_decision decide(const lead_command& command, const std::optional<lead_state>& state,
                     const command_context& context) {
    return std::visit(domain::overloaded{
                          [&](const create_lead& c) { return decide_create(c, state, context); },
                          [&](const auto& c) { return decide_existing(c, state, context); },
                      },
                      command);
}

} // namespace ventros::domain
