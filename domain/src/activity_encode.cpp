#include "ventros/domain/activity_codec.hpp"

#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using nlohmann::json;

json text_of(const std::string& text) {
    return text;
}

json text_of(const timestamp& at) {
    return format_rfc3339(at);
}

template <class Tag>
json text_of(const named_id<Tag>& id) {
    return id.str();
}

// Optional members are omitted when absent, so a body only names what it carries.
template <class Value>
void put(json& body, std::string_view key, const std::optional<Value>& value) {
    if (value) {
        body[key] = text_of(*value);
    }
}

// A patch: absent = omitted, cleared = null, set = the new value.
template <class Value>
void put_patch(json& body, std::string_view key, const field_patch<Value>& patch) {
    if (patch) {
        body[key] = patch->has_value() ? text_of(**patch) : json(nullptr);
    }
}

json body_of(const activity_created& e) {
    json body{{"activity_id", e.id.str()},
              {"kind", to_string(e.kind)},
              {"subject", e.subject},
              {"assignee_id", e.assignee.str()}};
    put(body, "description", e.description);
    put(body, "due_at", e.due_at);
    put(body, "lead_id", e.links.lead);
    put(body, "deal_id", e.links.deal);
    put(body, "contact_id", e.links.contact);
    return body;
}

json body_of(const activity_updated& e) {
    json body{{"activity_id", e.id.str()}};
    put(body, "subject", e.subject);
    put_patch(body, "description", e.description);
    put_patch(body, "due_at", e.due_at);
    put(body, "assignee_id", e.assignee);
    put_patch(body, "lead_id", e.lead);
    put_patch(body, "deal_id", e.deal);
    put_patch(body, "contact_id", e.contact);
    return body;
}

json body_of(const activity_completed& e) {
    return {{"activity_id", e.id.str()}, {"outcome", e.outcome}};
}

json body_of(const activity_reopened& e) {
    return {{"activity_id", e.id.str()}};
}

} // namespace

std::string encode_json(const activity_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
