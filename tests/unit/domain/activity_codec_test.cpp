// Pins the JSON bodies and type names of activity events: round trips, optional members
// absent, present and cleared, due times in UTC, and strict refusal of bad bodies.
#include "ventros/domain/activity_codec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::domain;
using nlohmann::json;

namespace {

const activity_id call_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};
const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const contact_id contact_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000c1"};
const timestamp due{std::chrono::milliseconds{1'795'256'130'123}}; // 2026-11-21T10:15:30.123Z

activity_created full_created() {
    return {.id = call_1,
            .kind = activity_kind::meeting,
            .subject = "Demo com a Maria",
            .description = "Levar proposta",
            .due_at = due,
            .assignee = user_id{"u-ana"},
            .links = {.lead = lead_1, .deal = deal_1, .contact = contact_1}};
}

std::vector<activity_event> sample_events() {
    return {
        full_created(),
        activity_created{.id = call_1,
                         .kind = activity_kind::note,
                         .subject = "Nota",
                         .assignee = user_id{"u-ana"},
                         .links = {.contact = contact_1}},
        activity_updated{.id = call_1, .subject = "Novo assunto"},
        activity_updated{.id = call_1,
                         .description = std::optional<std::string>("mais"),
                         .due_at = std::optional(due),
                         .assignee = user_id{"u-bruno"},
                         .lead = std::optional(lead_1),
                         .deal = std::optional(deal_1),
                         .contact = std::optional(contact_1)},
        activity_updated{.id = call_1,
                         .description = std::optional<std::string>(),
                         .due_at = std::optional<timestamp>(),
                         .lead = std::optional<lead_id>(),
                         .deal = std::optional<deal_id>(),
                         .contact = std::optional<contact_id>()},
        activity_completed{.id = call_1, .outcome = "Fechou o pedido"},
        activity_reopened{.id = call_1},
    };
}

json body_of(const activity_event& e) {
    return json::parse(encode_json(e));
}

std::string decode_error(std::string_view type, const json& body) {
    const auto r = decode_activity_event(type, body.dump());
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

constexpr std::string_view created_type = "ventros.crm.activity.created.v1";
constexpr std::string_view updated_type = "ventros.crm.activity.updated.v1";

} // namespace

TEST_CASE("every activity event decodes back to an equal event") {
    for (const auto& e : sample_events()) {
        CAPTURE(encode_json(e));
        const auto decoded = decode_activity_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
}

TEST_CASE("activity type names and schema paths follow the event's name") {
    const std::pair<activity_event, const char*> table[] = {
        {activity_created{}, "created"},
        {activity_updated{}, "updated"},
        {activity_completed{}, "completed"},
        {activity_reopened{}, "reopened"},
    };
    for (const auto& [event, name] : table) {
        CHECK(event_type(event) == "ventros.crm.activity." + std::string(name) + ".v1");
        CHECK(event_schema(event) == "crm/activity." + std::string(name) + ".v1.json");
        CHECK(is_activity_event_type(event_type(event)));
    }
    CHECK_FALSE(is_activity_event_type("ventros.crm.activity.created.v2"));
    CHECK_FALSE(is_activity_event_type("ventros.crm.activity.deleted.v1"));
    CHECK_FALSE(is_activity_event_type("ventros.crm.deal.created.v1"));
}

TEST_CASE("activity bodies carry snake_case members and due times in UTC") {
    CHECK(body_of(full_created()) == json{{"activity_id", call_1.str()},
                                          {"kind", "meeting"},
                                          {"subject", "Demo com a Maria"},
                                          {"description", "Levar proposta"},
                                          {"due_at", "2026-11-21T10:15:30.123Z"},
                                          {"assignee_id", "u-ana"},
                                          {"lead_id", lead_1.str()},
                                          {"deal_id", deal_1.str()},
                                          {"contact_id", contact_1.str()}});
    CHECK(body_of(activity_updated{.id = call_1, .due_at = std::optional<timestamp>()}) ==
          json{{"activity_id", call_1.str()}, {"due_at", nullptr}});
    CHECK(body_of(activity_completed{.id = call_1, .outcome = "ok"}) ==
          json{{"activity_id", call_1.str()}, {"outcome", "ok"}});

    auto offset = body_of(full_created());
    offset["due_at"] = "2026-11-21T07:15:30.123-03:00";
    const auto decoded = decode_activity_event(created_type, offset.dump());
    REQUIRE(decoded.has_value());
    CHECK(std::get<activity_created>(*decoded).due_at == due);
}

TEST_CASE("activity decode refuses bad bodies and names the member") {
    auto with = [](auto change) {
        json body = body_of(full_created());
        change(body);
        return decode_error(created_type, body);
    };
    const std::string text = body_of(full_created()).dump();
    for (std::size_t n = 0; n < text.size(); ++n) {
        CHECK_FALSE(decode_activity_event(created_type, text.substr(0, n)).has_value());
    }
    CHECK(with([](json& b) { b.erase("subject"); }) == "subject is required");
    CHECK(with([](json& b) { b["kind"] = "lunch"; }) == "kind has an unknown value");
    CHECK(with([](json& b) { b["due_at"] = "2026-11-21"; }) == "due_at must be an RFC 3339 time");
    CHECK(with([](json& b) { b["lead_id"] = ""; }) == "lead_id must not be empty");
    CHECK(with([](json& b) { b["completed"] = true; }) == "completed is not a known field");
    CHECK(with([](json& b) {
              b.erase("lead_id");
              b.erase("deal_id");
              b.erase("contact_id");
          }) == "lead_id is required when deal_id and contact_id are absent");

    auto error = [](const json& body) { return decode_error(updated_type, body); };
    CHECK(error({{"activity_id", "a"}, {"subject", ""}}) == "subject must not be empty");
    CHECK(error({{"activity_id", "a"}, {"subject", nullptr}}) == "subject must be a string");
    CHECK(error({{"activity_id", "a"}, {"due_at", "soon"}}) == "due_at must be an RFC 3339 time");
    CHECK(error({{"activity_id", "a"}, {"deal_id", ""}}) == "deal_id must not be empty");
    CHECK(error({{"activity_id", "a"}, {"assignee_id", nullptr}}) ==
          "assignee_id must be a string");
    CHECK(decode_error("ventros.crm.activity.completed.v1", {{"activity_id", "a"}}) ==
          "outcome is required");
    CHECK(decode_error("ventros.crm.activity.reopened.v1",
                       {{"activity_id", "a"}, {"outcome", "x"}}) == "outcome is not a known field");
}
