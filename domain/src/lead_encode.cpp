#include "ventros/domain/lead_codec.hpp"

#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using nlohmann::json;

// Optional members are omitted when absent, so a body only names what it carries.
void put(json& body, std::string_view key, const std::optional<std::string>& value) {
    if (value) {
        body[key] = *value;
    }
}

// A patch: absent = omitted, cleared = null, set = the new string.
void put(json& body, std::string_view key, const field_patch<std::string>& patch) {
    if (patch) {
        body[key] = patch->has_value() ? json(**patch) : json(nullptr);
    }
}

json answers_body(const bant_answers& a) {
    json body = json::object();
    if (a.budget) {
        body["budget"] = to_string(*a.budget);
    }
    if (a.authority) {
        body["authority"] = to_string(*a.authority);
    }
    put(body, "need", a.need);
    if (a.timeline) {
        body["timeline"] = to_string(*a.timeline);
    }
    return body;
}

json points_body(const bant_points& p) {
    return {{"budget", p.budget},
            {"authority", p.authority},
            {"need", p.need},
            {"timeline", p.timeline}};
}

json body_of(const lead_created& e) {
    json body{{"lead_id", e.id.str()},         {"name", e.name},
              {"source", to_string(e.source)}, {"tags", e.tags},
              {"custom_fields", e.custom},     {"created_by", e.created_by.str()}};
    put(body, "email", e.email);
    put(body, "phone", e.phone);
    put(body, "company", e.company);
    put(body, "source_details", e.source_details);
    return body;
}

json body_of(const lead_updated& e) {
    json body{{"lead_id", e.id.str()}};
    put(body, "name", e.name);
    put(body, "email", e.email);
    put(body, "phone", e.phone);
    put(body, "company", e.company);
    if (e.tags) {
        body["tags"] = *e.tags;
    }
    if (e.custom) {
        body["custom_fields"] = *e.custom;
    }
    return body;
}

json body_of(const lead_stage_changed& e) {
    return {{"lead_id", e.id.str()}, {"from", to_string(e.from)}, {"to", to_string(e.to)}};
}

json body_of(const lead_scored& e) {
    return {{"lead_id", e.id.str()},           {"answers", answers_body(e.answers)},
            {"points", points_body(e.points)}, {"score", e.score},
            {"threshold", e.threshold},        {"flow_version", e.flow_version},
            {"stage", to_string(e.stage)}};
}

json body_of(const lead_qualified& e) {
    return {{"lead_id", e.id.str()}, {"score", e.score}};
}

json body_of(const lead_assigned& e) {
    json body{
        {"lead_id", e.id.str()}, {"agent", e.agent.str()}, {"agent_role", to_string(e.agent_role)}};
    if (e.previous) {
        body["previous"] = e.previous->str();
    }
    return body;
}

json body_of(const lead_lost& e) {
    return {{"lead_id", e.id.str()}, {"reason", e.reason}};
}

json body_of(const lead_converted& e) {
    return {{"lead_id", e.id.str()}, {"deal_id", e.deal.str()}, {"score", e.score}};
}

} // namespace

std::string encode_json(const lead_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
