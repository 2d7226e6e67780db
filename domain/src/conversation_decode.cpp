#include "conversation_event_types.hpp"
#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "ventros/domain/conversation_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every conversation event is still at v1: there is nothing to upcast yet.

std::optional<timestamp> read_optional_time(json_reader& in, std::string_view key) {
    const auto text = in.optional_text(key);
    if (!text) {
        return std::nullopt;
    }
    const auto at = parse_rfc3339(*text);
    if (!at) {
        in.fail(key, "must be an RFC 3339 time");
    }
    return at;
}

timestamp read_time(json_reader& in, std::string_view key) {
    const auto text = in.text(key);
    const auto at = parse_rfc3339(text);
    if (!at) {
        in.fail(key, "must be an RFC 3339 time");
    }
    return at.value_or(timestamp{});
}

conversation_id read_id(json_reader& in) {
    return conversation_id{in.text("conversation_id")};
}

conversation_event read_started(json_reader& in) {
    conversation_started e{
        .id = read_id(in),
        .channel_instance = channel_instance_id{in.text("channel_instance_id")},
        .lead = detail::read_optional_id<lead_id>(in, "lead_id"),
        .party_name = in.text("party_name"),
        .party_address = in.text("party_address"),
        .status = in.code("status", parse_conversation_status),
        .sla_minutes = static_cast<std::uint32_t>(in.count("sla_minutes")),
        .opened_at = read_time(in, "opened_at"),
        .sla_due_at = read_optional_time(in, "sla_due_at"),
    };
    if (e.status != conversation_status::bot && e.status != conversation_status::open) {
        in.fail("status", "must be bot or open");
    }
    if (e.sla_minutes == 0) {
        in.fail("sla_minutes", "must be positive");
    }
    return e;
}

conversation_event read_message_received(json_reader& in) {
    conversation_message_received e{.id = read_id(in),
                                    .message = message_id{in.text("message_id")},
                                    .content = in.text("content"),
                                    .content_type =
                                        in.code("content_type", parse_message_content_type),
                                    .at = read_time(in, "at")};
    if (in.code("sender_type", parse_sender_type) != sender_type::lead) {
        in.fail("sender_type", "must be lead");
    }
    return e;
}

conversation_event read_message_sent(json_reader& in) {
    conversation_message_sent e{
        .id = read_id(in),
        .message = message_id{in.text("message_id")},
        .sender = in.code("sender_type", parse_sender_type),
        .agent = detail::read_optional_id<user_id>(in, "agent_id"),
        .content = in.text("content"),
        .content_type = in.code("content_type", parse_message_content_type),
        .at = read_time(in, "at"),
        .first_response_seconds = in.optional_count("first_response_seconds").transform([](int s) {
            return static_cast<std::uint32_t>(s);
        }),
    };
    if (e.sender == sender_type::lead) {
        in.fail("sender_type", "must be bot or agent");
    }
    if (e.agent.has_value() != (e.sender == sender_type::agent)) {
        in.fail("agent_id", "is required for agent messages and only for them");
    }
    return e;
}

conversation_event read_handed_off(json_reader& in) {
    return conversation_handed_off{.id = read_id(in),
                                   .agent = user_id{in.text("agent_id")},
                                   .strategy = in.code("strategy", parse_handoff_strategy),
                                   .at = read_time(in, "at"),
                                   .sla_due_at = read_time(in, "sla_due_at")};
}

conversation_event read_marked_pending(json_reader& in) {
    return conversation_marked_pending{read_id(in)};
}

conversation_event read_resolved(json_reader& in) {
    return conversation_resolved{.id = read_id(in), .note = in.optional_text("note")};
}

conversation_event read_reopened(json_reader& in) {
    return conversation_reopened{.id = read_id(in), .at = read_time(in, "at")};
}

// In `conversation_event` order, like the type table.
constexpr std::array<conversation_event (*)(json_reader&), 7> readers{
    read_started,        read_message_received, read_message_sent, read_handed_off,
    read_marked_pending, read_resolved,         read_reopened,
};

} // namespace

std::expected<conversation_event, std::string>
decode_conversation_event(std::string_view type, std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_conversation_event_type,
                                    readers);
}

} // namespace ventros::domain
