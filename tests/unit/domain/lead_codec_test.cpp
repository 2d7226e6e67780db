// Pins the JSON bodies and type names of lead events: round trips, patches, and rejections.
#include "lead_fixtures.hpp"
#include "ventros/domain/lead_codec.hpp"

#include <nlohmann/json.hpp>

using namespace ventros::domain;
using namespace ventros::domain::testing;
using nlohmann::json;

namespace {

std::vector<lead_event> sample_events() {
    return {
        lead_created{.id = lead_1,
                     .name = "Maria Silva",
                     .email = "maria@example.com",
                     .phone = "+5511999990000",
                     .company = "Loja da Maria",
                     .source = lead_source::web,
                     .source_details = "landing page",
                     .tags = {"vip", "sp"},
                     .custom = {{"segment", "retail"}, {"utm", "ads"}},
                     .created_by = user_id{"u-1"}},
        lead_created{.id = lead_1, .name = "Só o nome", .created_by = user_id{"u-1"}},
        lead_updated{.id = lead_1,
                     .name = "Maria S.",
                     .email = std::optional<std::string>{"m@example.com"},
                     .phone = std::optional<std::string>{},
                     .tags = std::vector<std::string>{},
                     .custom = custom_fields{}},
        lead_updated{.id = lead_1, .company = std::optional<std::string>{}},
        lead_stage_changed{
            .id = lead_1, .from = lead_stage::unqualified, .to = lead_stage::contacted},
        lead_scored{.id = lead_1,
                    .answers = {.budget = budget_answer::from_1000_to_5000,
                                .authority = authority_answer::decision_maker,
                                .need = "automação de vendas",
                                .timeline = timeline_answer::within_30_days},
                    .points = {.budget = 30, .authority = 30, .need = 20, .timeline = 15},
                    .score = 95,
                    .stage = lead_stage::qualified},
        lead_scored{.id = lead_1},
        lead_qualified{.id = lead_1, .score = 95},
        lead_assigned{.id = lead_1, .agent = user_id{"u-2"}, .agent_role = role::agent},
        lead_assigned{.id = lead_1,
                      .agent = user_id{"u-3"},
                      .agent_role = role::manager,
                      .previous = user_id{"u-2"}},
        lead_lost{.id = lead_1, .reason = "sem orçamento"},
        lead_converted{.id = lead_1, .deal = deal_id{"d-1"}, .score = 95},
    };
}

json body_of(const lead_event& e) {
    return json::parse(encode_json(e));
}

std::string decode_error(std::string_view type, std::string_view body) {
    const auto r = decode_lead_event(type, body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

constexpr std::string_view created_type = "ventros.crm.lead.created.v1";
const std::string valid_created =
    R"({"lead_id":"l-1","name":"Maria","source":"web","tags":[],"custom_fields":{},"created_by":"u-1"})";

} // namespace

TEST_CASE("every event decodes back to an equal event") {
    for (const auto& e : sample_events()) {
        CAPTURE(encode_json(e));
        const auto decoded = decode_lead_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
}

TEST_CASE("type names and schema paths follow the event's name") {
    const std::pair<lead_event, const char*> table[] = {
        {lead_created{}, "created"},
        {lead_updated{}, "updated"},
        {lead_stage_changed{}, "stage_changed"},
        {lead_scored{}, "scored"},
        {lead_qualified{}, "qualified"},
        {lead_assigned{}, "assigned"},
        {lead_lost{}, "lost"},
        {lead_converted{}, "converted"},
    };
    for (const auto& [event, name] : table) {
        CHECK(event_type(event) == "ventros.crm.lead." + std::string(name) + ".v1");
        CHECK(event_schema(event) == "crm/lead." + std::string(name) + ".v1.json");
        CHECK(is_lead_event_type(event_type(event)));
    }
}

TEST_CASE("only known names at a known version are lead event types") {
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.created.v2"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.created.v0"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.created.v01"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.created.v"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.created"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead.deleted.v1"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.deal.created.v1"));
    CHECK_FALSE(is_lead_event_type("ventros.crm.lead..v1"));
    CHECK_FALSE(is_lead_event_type(""));
}

TEST_CASE("every body carries lead_id in snake_case") {
    for (const auto& e : sample_events()) {
        CHECK(body_of(e).at("lead_id") == lead_1.str());
    }
    const auto created = body_of(sample_events()[0]);
    CHECK(created.at("source_details") == "landing page");
    CHECK(created.at("custom_fields") == json{{"segment", "retail"}, {"utm", "ads"}});
    CHECK(created.at("created_by") == "u-1");
}

TEST_CASE("absent optional fields are omitted, not null") {
    const auto minimal = body_of(sample_events()[1]);
    for (const char* key : {"email", "phone", "company", "source_details"}) {
        CHECK_FALSE(minimal.contains(key));
    }
    CHECK(minimal.at("tags") == json::array());
    CHECK(minimal.at("custom_fields") == json::object());
    CHECK_FALSE(body_of(sample_events()[8]).contains("previous"));
}

TEST_CASE("a cleared patch field is null and an absent one is missing") {
    const auto body = body_of(lead_updated{.id = lead_1,
                                           .email = std::optional<std::string>{"a@b.c"},
                                           .phone = std::optional<std::string>{}});
    CHECK(body.at("email") == "a@b.c");
    CHECK(body.at("phone").is_null());
    CHECK_FALSE(body.contains("company"));
    CHECK_FALSE(body.contains("name"));

    const auto decoded = decode_lead_event("ventros.crm.lead.updated.v1",
                                           R"({"lead_id":"l","phone":null,"email":"a@b.c"})");
    REQUIRE(decoded.has_value());
    const auto& e = std::get<lead_updated>(*decoded);
    REQUIRE(e.phone.has_value());
    CHECK_FALSE(e.phone->has_value());
    CHECK(e.email == field_patch<std::string>{std::optional<std::string>{"a@b.c"}});
    CHECK_FALSE(e.company.has_value());
}

TEST_CASE("scored bodies carry the API answer codes and the points") {
    const auto body = body_of(sample_events()[5]);
    CHECK(body.at("answers") == json{{"budget", "1000_5000"},
                                     {"authority", "decision_maker"},
                                     {"need", "automação de vendas"},
                                     {"timeline", "30_days"}});
    CHECK(body.at("points") ==
          json{{"budget", 30}, {"authority", 30}, {"need", 20}, {"timeline", 15}});
    CHECK(body.at("flow_version") == "default-v1");
    CHECK(body.at("threshold") == 70);
    CHECK(body.at("stage") == "qualified");
    CHECK(body_of(sample_events()[6]).at("answers") == json::object());
}

TEST_CASE("decode rejects an unknown type") {
    CHECK(decode_error("ventros.crm.lead.deleted.v1", valid_created).find("unknown event type") !=
          std::string::npos);
    CHECK_FALSE(decode_lead_event("ventros.crm.lead.created.v2", valid_created));
}

TEST_CASE("decode accepts the valid reference body") {
    CHECK(decode_lead_event(created_type, valid_created).has_value());
}

TEST_CASE("decode rejects bodies that are not a JSON object") {
    for (const char* body :
         {"", "{", "not json", "[]", "\"text\"", "42", "null", "{\"lead_id\":}"}) {
        CAPTURE(body);
        CHECK_FALSE(decode_lead_event(created_type, body));
    }
}

TEST_CASE("decode rejects every strict prefix of a valid body without throwing") {
    for (std::size_t n = 0; n < valid_created.size(); ++n) {
        CAPTURE(n);
        CHECK_FALSE(decode_lead_event(created_type, std::string_view(valid_created).substr(0, n)));
    }
}

TEST_CASE("decode names the member that is missing, mistyped, unknown or out of range") {
    auto with = [](const char* key, json value) {
        json body = json::parse(valid_created);
        body[key] = std::move(value);
        return body.dump();
    };
    auto without = [](const char* key) {
        json body = json::parse(valid_created);
        body.erase(key);
        return body.dump();
    };
    CHECK(decode_error(created_type, without("lead_id")) == "lead_id is required");
    CHECK(decode_error(created_type, without("tags")) == "tags is required");
    CHECK(decode_error(created_type, with("name", 5)) == "name must be a non-empty string");
    CHECK(decode_error(created_type, with("name", "")) == "name must be a non-empty string");
    CHECK(decode_error(created_type, with("email", nullptr)) == "email must be a string");
    CHECK(decode_error(created_type, with("source", "telegram")) == "source has an unknown value");
    CHECK(decode_error(created_type, with("tags", json{1})) == "tags must be an array of strings");
    CHECK(decode_error(created_type, with("custom_fields", json{{"k", 1}})) ==
          "custom_fields must be an object of strings");
    CHECK(decode_error(created_type, with("extra", 1)) == "extra is not a known field");
}

TEST_CASE("decode checks nested answers and points and integer ranges") {
    const std::string type = "ventros.crm.lead.scored.v1";
    json body = json::parse(encode_json(sample_events()[5]));
    auto mutated = [&](auto change) {
        json copy = body;
        change(copy);
        return copy.dump();
    };
    CHECK(decode_error(type, mutated([](json& b) { b["answers"]["budget"] = "lots"; })) ==
          "answers.budget has an unknown value");
    CHECK(decode_error(type, mutated([](json& b) { b["answers"]["mood"] = "good"; })) ==
          "answers.mood is not a known field");
    CHECK(decode_error(type, mutated([](json& b) { b["points"].erase("need"); })) ==
          "points.need is required");
    CHECK(decode_error(type, mutated([](json& b) { b["answers"] = json::array(); })) ==
          "answers must be an object");
    CHECK(decode_error(type, mutated([](json& b) { b["score"] = -1; })) ==
          "score must be an integer from 0 to 2147483647");
    CHECK(decode_error(type, mutated([](json& b) { b["score"] = 70.5; })) ==
          "score must be an integer from 0 to 2147483647");
    CHECK(decode_error(type, mutated([](json& b) { b["score"] = "70"; })) ==
          "score must be an integer from 0 to 2147483647");
    CHECK(decode_error(type, mutated([](json& b) { b["score"] = 4294967296LL; })) ==
          "score must be an integer from 0 to 2147483647");
    CHECK(decode_error(type, mutated([](json& b) { b["stage"] = "new"; })) ==
          "stage must be qualified or unqualified");
}

TEST_CASE("decode refuses values the domain never produces") {
    CHECK(decode_error("ventros.crm.lead.stage_changed.v1",
                       R"({"lead_id":"l","from":"new","to":"qualified"})") ==
          "to must be new or contacted");
    CHECK(decode_error("ventros.crm.lead.assigned.v1",
                       R"({"lead_id":"l","agent":"u","agent_role":"viewer"})") ==
          "agent_role must not be viewer");
    CHECK(decode_error("ventros.crm.lead.updated.v1", R"({"lead_id":"l","name":null})") ==
          "name must be a string");
    CHECK(decode_error("ventros.crm.lead.updated.v1", R"({"lead_id":"l","name":""})") ==
          "name must not be empty");
    CHECK(decode_error("ventros.crm.lead.lost.v1", R"({"lead_id":"l","reason":""})") ==
          "reason must be a non-empty string");
}
