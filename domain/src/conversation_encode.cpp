#include "json_members.hpp"
#include "ventros/domain/conversation_codec.hpp"

namespace ventros::domain {
namespace {

using detail::put;
using nlohmann::json;

json time_of(timestamp at) {
    return format_rfc3339(at);
}

json body_of(const conversation_started& e) {
    json body{{"conversation_id", e.id.str()},    {"channel_instance_id", e.channel_instance.str()},
              {"party_name", e.party_name},       {"party_address", e.party_address},
              {"status", to_string(e.status)},    {"sla_minutes", e.sla_minutes},
              {"opened_at", time_of(e.opened_at)}};
    put(body, "lead_id", e.lead);
    if (e.sla_due_at) {
        body["sla_due_at"] = time_of(*e.sla_due_at);
    }
    return body;
}

json body_of(const conversation_message_received& e) {
    return {{"conversation_id", e.id.str()},
            {"message_id", e.message.str()},
            {"sender_type", to_string(sender_type::lead)},
            {"content", e.content},
            {"content_type", to_string(e.content_type)},
            {"at", time_of(e.at)}};
}

json body_of(const conversation_message_sent& e) {
    json body{{"conversation_id", e.id.str()},
              {"message_id", e.message.str()},
              {"sender_type", to_string(e.sender)},
              {"content", e.content},
              {"content_type", to_string(e.content_type)},
              {"at", time_of(e.at)}};
    put(body, "agent_id", e.agent);
    if (e.first_response_seconds) {
        body["first_response_seconds"] = *e.first_response_seconds;
    }
    return body;
}

json body_of(const conversation_handed_off& e) {
    return {{"conversation_id", e.id.str()},
            {"agent_id", e.agent.str()},
            {"strategy", to_string(e.strategy)},
            {"at", time_of(e.at)},
            {"sla_due_at", time_of(e.sla_due_at)}};
}

json body_of(const conversation_marked_pending& e) {
    return {{"conversation_id", e.id.str()}};
}

json body_of(const conversation_resolved& e) {
    json body{{"conversation_id", e.id.str()}};
    put(body, "note", e.note);
    return body;
}

json body_of(const conversation_reopened& e) {
    return {{"conversation_id", e.id.str()}, {"at", time_of(e.at)}};
}

} // namespace

std::string encode_json(const conversation_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
