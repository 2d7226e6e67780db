#include "ventros/domain/conversation.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {

const conversation_id& subject_of(const conversation_event& e) noexcept {
    return std::visit([](const auto& event) -> const conversation_id& { return event.id; }, e);
}

const conversation_id& subject_of(const conversation_command& c) noexcept {
    return std::visit([](const auto& command) -> const conversation_id& { return command.id; }, c);
}

conversation_state evolve(const std::optional<conversation_state>& state,
                          const conversation_event& event) {
    conversation_state next = state.value_or(conversation_state{});
    const auto count_message = [&next](const message_id& id, sender_type sender, timestamp at) {
        ++next.message_count;
        next.last = last_message{.id = id, .sender = sender, .at = at};
    };
    std::visit(
        domain::overloaded{
            [&](const conversation_started& e) {
                const bool human = e.status != conversation_status::bot;
                next = {.id = e.id,
                        .channel_instance = e.channel_instance,
                        .lead = e.lead,
                        .party_name = e.party_name,
                        .party_address = e.party_address,
                        .status = e.status,
                        .assigned_agent = std::nullopt,
                        .sla_minutes = e.sla_minutes,
                        .sla_due_at = e.sla_due_at,
                        .opened_at = e.opened_at,
                        .handed_off_at = std::nullopt,
                        .human_since = human ? std::optional(e.opened_at) : std::nullopt,
                        .first_response_at = std::nullopt,
                        .message_count = 0,
                        .last = std::nullopt,
                        .version = 0};
            },
            [&](const conversation_message_received& e) {
                count_message(e.message, sender_type::lead, e.at);
            },
            [&](const conversation_message_sent& e) {
                count_message(e.message, e.sender, e.at);
                if (e.first_response_seconds) {
                    next.first_response_at = e.at;
                }
            },
            [&](const conversation_handed_off& e) {
                next.status = conversation_status::open;
                next.assigned_agent = e.agent;
                next.sla_due_at = e.sla_due_at;
                next.handed_off_at = e.at;
                next.human_since = next.human_since.value_or(e.at);
            },
            [&](const conversation_marked_pending&) { next.status = conversation_status::pending; },
            [&](const conversation_resolved&) { next.status = conversation_status::resolved; },
            [&](const conversation_reopened& e) {
                next.status = conversation_status::open;
                next.human_since = next.human_since.value_or(e.at);
            },
        },
        event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
