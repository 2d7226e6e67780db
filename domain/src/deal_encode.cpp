#include "ventros/domain/deal_codec.hpp"

#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using nlohmann::json;

const std::string& text_of(const std::string& text) {
    return text;
}

template <class Tag>
const std::string& text_of(const named_id<Tag>& id) {
    return id.str();
}

// Optional members are omitted when absent, so a body only names what it carries.
template <class Value>
void put(json& body, std::string_view key, const std::optional<Value>& value) {
    if (value) {
        body[key] = text_of(*value);
    }
}

// A patch: absent = omitted, cleared = null, set = the new text.
template <class Value>
void put_patch(json& body, std::string_view key, const field_patch<Value>& patch) {
    if (patch) {
        body[key] = patch->has_value() ? json(text_of(**patch)) : json(nullptr);
    }
}

void put(json& body, const money& value) {
    body["value_cents"] = value.cents;
    body["currency"] = value.currency;
}

json body_of(const deal_created& e) {
    json body{
        {"deal_id", e.id.str()},           {"title", e.title},
        {"pipeline_id", e.pipeline.str()}, {"stage", e.stage},
        {"probability", e.probability},    {"probability_overridden", e.probability_overridden},
        {"owner_id", e.owner.str()}};
    put(body, e.value);
    put(body, "expected_close", e.expected_close);
    put(body, "lead_id", e.lead);
    put(body, "company_id", e.company);
    return body;
}

json body_of(const deal_updated& e) {
    json body{{"deal_id", e.id.str()}};
    put(body, "title", e.title);
    if (e.value) {
        put(body, *e.value);
    }
    put_patch(body, "expected_close", e.expected_close);
    put(body, "owner_id", e.owner);
    put_patch(body, "company_id", e.company);
    return body;
}

json body_of(const deal_stage_moved& e) {
    return {{"deal_id", e.id.str()},
            {"from", e.from},
            {"to", e.to},
            {"probability", e.probability},
            {"probability_overridden", e.probability_overridden}};
}

json body_of(const deal_won& e) {
    json body{{"deal_id", e.id.str()}};
    put(body, e.value);
    return body;
}

json body_of(const deal_lost& e) {
    return {{"deal_id", e.id.str()}, {"reason", e.reason}};
}

json body_of(const deal_reopened& e) {
    return {{"deal_id", e.id.str()}, {"from", to_string(e.from)}};
}

} // namespace

std::string encode_json(const deal_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
