// Conversation decisions (DOMAIN.md "Conversations and channels"; issue 5). Checks in this
// order, the first that fails is the answer:
//  1. A viewer → not_permitted.
//  2. start_conversation: an id in use → already_exists; its channel instance missing (or
//     removed) → unknown_channel_instance; a lead named that does not exist →
//     unknown_lead; the instance not connected → channel_not_connected.
//  3. Every other command on a missing conversation → not_found.
//  4. record_message: direction and sender that do not go together → sender_mismatch; a
//     resolved conversation → conversation_resolved; an agent message while the bot has
//     it → not_handed_off, or by an agent on a conversation assigned to someone else →
//     not_permitted; a message out on an instance not connected → channel_not_connected.
//     The first agent message since the conversation became human-handled carries
//     first_response_seconds.
//  5. hand_off_conversation: an agent naming someone else → not_permitted; resolved →
//     conversation_resolved; open or pending with an agent → invalid_transition; nobody to
//     pick (or the named agent is not active) → no_agent_available.
//  6. mark pending, resolve, reopen: an agent on a conversation assigned to someone else →
//     not_permitted. Pending: resolved → conversation_resolved, pending already →
//     nothing_to_change, bot → invalid_transition. Resolve: resolved already →
//     nothing_to_change. Reopen: anything but resolved → invalid_transition.
#include "ventros/domain/conversation.hpp"

#include <algorithm>
#include <chrono>

namespace ventros::domain {
namespace {

std::unexpected<conversation_error> refuse(conversation_error e) {
    return std::unexpected(e);
}

conversation_decision decided(conversation_event event) {
    return std::vector<conversation_event>{std::move(event)};
}

timestamp sla_due(timestamp from, std::uint32_t sla_minutes) {
    return from + std::chrono::minutes{sla_minutes};
}

/// An agent may act on a conversation nobody has or that is theirs; admins and managers on
/// any.
bool may_handle(const conversation_state& s, const command_context& context) {
    return can_change_record(context.actor_role,
                             !s.assigned_agent || *s.assigned_agent == context.actor);
}

bool sender_fits(message_direction direction, sender_type sender) noexcept {
    return (direction == message_direction::in) == (sender == sender_type::lead);
}

conversation_decision decide_start(const start_conversation& c, const conversation_facts& facts,
                                   const command_context& context) {
    if (!facts.channel_exists) {
        return refuse(conversation_error::unknown_channel_instance);
    }
    if (c.lead && !facts.lead_exists) {
        return refuse(conversation_error::unknown_lead);
    }
    if (!facts.channel_connected) {
        return refuse(conversation_error::channel_not_connected);
    }
    const auto status = c.start_with_bot ? conversation_status::bot : conversation_status::open;
    return decided(conversation_started{
        .id = c.id,
        .channel_instance = c.channel_instance,
        .lead = c.lead,
        .party_name = c.party_name,
        .party_address = c.party_address,
        .status = status,
        .sla_minutes = c.sla_minutes,
        .opened_at = context.now,
        .sla_due_at =
            c.start_with_bot ? std::nullopt : std::optional(sla_due(context.now, c.sla_minutes)),
    });
}

conversation_decision decide_on(const start_conversation&, const conversation_state&,
                                const conversation_facts&, const command_context&) {
    return refuse(conversation_error::already_exists);
}

/// Whole seconds from when a person took the conversation to `at`; never negative.
std::uint32_t seconds_between(timestamp since, timestamp at) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at - since).count();
    return static_cast<std::uint32_t>(std::max<std::chrono::seconds::rep>(seconds, 0));
}

conversation_decision decide_on(const record_message& c, const conversation_state& s,
                                const conversation_facts& facts, const command_context& context) {
    if (!sender_fits(c.direction, c.sender)) {
        return refuse(conversation_error::sender_mismatch);
    }
    if (s.status == conversation_status::resolved) {
        return refuse(conversation_error::conversation_resolved);
    }
    const bool by_agent = c.sender == sender_type::agent;
    if (by_agent && s.status == conversation_status::bot) {
        return refuse(conversation_error::not_handed_off);
    }
    if (by_agent && !may_handle(s, context)) {
        return refuse(conversation_error::not_permitted);
    }
    if (c.direction == message_direction::in) {
        return decided(conversation_message_received{.id = c.id,
                                                     .message = c.message,
                                                     .content = c.content,
                                                     .content_type = c.content_type,
                                                     .at = context.now});
    }
    if (!facts.channel_connected) {
        return refuse(conversation_error::channel_not_connected);
    }
    conversation_message_sent sent{.id = c.id,
                                   .message = c.message,
                                   .sender = c.sender,
                                   .agent = std::nullopt,
                                   .content = c.content,
                                   .content_type = c.content_type,
                                   .at = context.now,
                                   .first_response_seconds = std::nullopt};
    if (by_agent) {
        sent.agent = context.actor;
        if (!s.first_response_at && s.human_since) {
            sent.first_response_seconds = seconds_between(*s.human_since, context.now);
        }
    }
    return decided(std::move(sent));
}

/// The agent a handoff goes to: the named one if active (manual), else the picker's.
std::optional<user_id> chosen_agent(const hand_off_conversation& c,
                                    const conversation_facts& facts) {
    if (c.strategy != handoff_strategy::manual) {
        return pick_agent(c.strategy, facts.agents, facts.round_robin_cursor);
    }
    const bool active = c.agent && std::ranges::any_of(facts.agents, [&](const agent_load& a) {
                            return a.agent == *c.agent;
                        });
    return active ? c.agent : std::nullopt;
}

conversation_decision decide_on(const hand_off_conversation& c, const conversation_state& s,
                                const conversation_facts& facts, const command_context& context) {
    if (c.strategy == handoff_strategy::manual && context.actor_role == role::agent &&
        c.agent != context.actor) {
        return refuse(conversation_error::not_permitted);
    }
    if (s.status == conversation_status::resolved) {
        return refuse(conversation_error::conversation_resolved);
    }
    if (s.assigned_agent) {
        return refuse(conversation_error::invalid_transition);
    }
    auto agent = chosen_agent(c, facts);
    if (!agent) {
        return refuse(conversation_error::no_agent_available);
    }
    return decided(conversation_handed_off{.id = c.id,
                                           .agent = std::move(*agent),
                                           .strategy = c.strategy,
                                           .at = context.now,
                                           .sla_due_at = sla_due(context.now, s.sla_minutes)});
}

conversation_decision decide_on(const mark_conversation_pending& c, const conversation_state& s,
                                const conversation_facts&, const command_context& context) {
    if (!may_handle(s, context)) {
        return refuse(conversation_error::not_permitted);
    }
    switch (s.status) {
    case conversation_status::resolved:
        return refuse(conversation_error::conversation_resolved);
    case conversation_status::pending:
        return refuse(conversation_error::nothing_to_change);
    case conversation_status::bot:
        return refuse(conversation_error::invalid_transition);
    case conversation_status::open:
        break;
    }
    return decided(conversation_marked_pending{c.id});
}

conversation_decision decide_on(const resolve_conversation& c, const conversation_state& s,
                                const conversation_facts&, const command_context& context) {
    if (!may_handle(s, context)) {
        return refuse(conversation_error::not_permitted);
    }
    if (s.status == conversation_status::resolved) {
        return refuse(conversation_error::nothing_to_change);
    }
    return decided(conversation_resolved{.id = c.id, .note = c.note});
}

conversation_decision decide_on(const reopen_conversation& c, const conversation_state& s,
                                const conversation_facts&, const command_context& context) {
    if (!may_handle(s, context)) {
        return refuse(conversation_error::not_permitted);
    }
    if (s.status != conversation_status::resolved) {
        return refuse(conversation_error::invalid_transition);
    }
    return decided(conversation_reopened{.id = c.id, .at = context.now});
}

} // namespace

conversation_decision decide(const conversation_command& command,
                             const std::optional<conversation_state>& state,
                             const conversation_facts& facts, const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(conversation_error::not_permitted);
    }
    if (const auto* start = std::get_if<start_conversation>(&command); start != nullptr && !state) {
        return decide_start(*start, facts, context);
    }
    if (!state) {
        return refuse(conversation_error::not_found);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state, facts, context); }, command);
}

std::string_view to_string(conversation_error e) noexcept {
    switch (e) {
    case conversation_error::not_found:
        return "conversation-not-found";
    case conversation_error::already_exists:
        return "conversation-already-exists";
    case conversation_error::not_permitted:
        return "not-permitted";
    case conversation_error::conversation_resolved:
        return "conversation-resolved";
    case conversation_error::not_handed_off:
        return "conversation-not-handed-off";
    case conversation_error::no_agent_available:
        return "no-agent-available";
    case conversation_error::invalid_transition:
        return "invalid-transition";
    case conversation_error::nothing_to_change:
        return "nothing-to-change";
    case conversation_error::unknown_channel_instance:
        return "unknown-channel-instance";
    case conversation_error::unknown_lead:
        return "unknown-lead";
    case conversation_error::channel_not_connected:
        return "channel-not-connected";
    case conversation_error::sender_mismatch:
        return "message-sender-mismatch";
    }
    return "unknown";
}

} // namespace ventros::domain
