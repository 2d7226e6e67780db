// Pins the JSON bodies and type names of deal events: round trips, optional members absent,
// present and cleared, and strict refusal of bodies that break the contract.
#include "ventros/domain/deal_codec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::domain;
using nlohmann::json;

namespace {

const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};
const money twelve_thousand_reais{.cents = 1'250'000, .currency = "BRL"};
using date_patch = std::optional<std::string>;
using company_patch = std::optional<company_id>;

deal_created full_created() {
    return {.id = deal_1,
            .title = "Loja da Maria: 20 seats",
            .value = twelve_thousand_reais,
            .pipeline = sales,
            .stage = "proposal",
            .probability = 60,
            .probability_overridden = true,
            .expected_close = "2026-12-15",
            .owner = user_id{"u-ana"},
            .lead = lead_id{"0190a5c4-7b1e-7c3d-8e2f-000000000001"},
            .company = company_id{"c-1"}};
}

deal_created minimal_created() {
    return {.id = deal_1,
            .title = "Sem extras",
            .value = {.cents = 0, .currency = "USD"},
            .pipeline = sales,
            .stage = "prospecting",
            .probability = 10,
            .owner = user_id{"u-ana"}};
}

std::vector<deal_event> sample_events() {
    return {
        full_created(),
        minimal_created(),
        deal_updated{.id = deal_1, .title = "Novo título"},
        deal_updated{.id = deal_1,
                     .value = money{.cents = 9'223'372'036'854'775'807, .currency = "EUR"},
                     .expected_close = date_patch{"2027-02-28"},
                     .owner = user_id{"u-bruno"},
                     .company = company_patch{company_id{"c-2"}}},
        deal_updated{.id = deal_1, .expected_close = date_patch{}, .company = company_patch{}},
        deal_stage_moved{.id = deal_1,
                         .from = "prospecting",
                         .to = "negotiation",
                         .probability = 75,
                         .probability_overridden = false},
        deal_stage_moved{.id = deal_1,
                         .from = "negotiation",
                         .to = "proposal",
                         .probability = 100,
                         .probability_overridden = true},
        deal_won{.id = deal_1, .value = twelve_thousand_reais},
        deal_lost{.id = deal_1, .reason = "escolheu um concorrente"},
        deal_reopened{.id = deal_1, .from = deal_status::won},
        deal_reopened{.id = deal_1, .from = deal_status::lost},
    };
}

json body_of(const deal_event& e) {
    return json::parse(encode_json(e));
}

std::string decode_error(std::string_view type, const json& body) {
    const auto r = decode_deal_event(type, body.dump());
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

constexpr std::string_view created_type = "ventros.crm.deal.created.v1";
constexpr std::string_view updated_type = "ventros.crm.deal.updated.v1";

json valid_created() {
    return body_of(full_created());
}

} // namespace

TEST_CASE("every deal event decodes back to an equal event") {
    for (const auto& e : sample_events()) {
        CAPTURE(encode_json(e));
        const auto decoded = decode_deal_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
}

TEST_CASE("deal type names and schema paths follow the event's name") {
    const std::pair<deal_event, const char*> table[] = {
        {deal_created{}, "created"},
        {deal_updated{}, "updated"},
        {deal_stage_moved{}, "stage_moved"},
        {deal_won{}, "won"},
        {deal_lost{}, "lost"},
        {deal_reopened{}, "reopened"},
    };
    for (const auto& [event, name] : table) {
        CHECK(event_type(event) == "ventros.crm.deal." + std::string(name) + ".v1");
        CHECK(event_schema(event) == "crm/deal." + std::string(name) + ".v1.json");
        CHECK(is_deal_event_type(event_type(event)));
    }
}

TEST_CASE("only known names at a known version are deal event types") {
    CHECK_FALSE(is_deal_event_type("ventros.crm.deal.created.v2"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.deal.created.v0"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.deal.created.v01"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.deal.created"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.deal.deleted.v1"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.lead.created.v1"));
    CHECK_FALSE(is_deal_event_type("ventros.crm.pipeline.created.v1"));
    CHECK_FALSE(is_deal_event_type(""));
}

TEST_CASE("deal bodies carry snake_case members, money as cents plus currency") {
    const auto created = body_of(full_created());
    CHECK(created == json{{"deal_id", deal_1.str()},
                          {"title", "Loja da Maria: 20 seats"},
                          {"value_cents", 1'250'000},
                          {"currency", "BRL"},
                          {"pipeline_id", sales.str()},
                          {"stage", "proposal"},
                          {"probability", 60},
                          {"probability_overridden", true},
                          {"expected_close", "2026-12-15"},
                          {"owner_id", "u-ana"},
                          {"lead_id", "0190a5c4-7b1e-7c3d-8e2f-000000000001"},
                          {"company_id", "c-1"}});
    CHECK(body_of(deal_reopened{.id = deal_1, .from = deal_status::lost}) ==
          json{{"deal_id", deal_1.str()}, {"from", "lost"}});
    CHECK(body_of(deal_won{.id = deal_1, .value = twelve_thousand_reais}) ==
          json{{"deal_id", deal_1.str()}, {"value_cents", 1'250'000}, {"currency", "BRL"}});
}

TEST_CASE("absent optional deal members are omitted, cleared patches are null") {
    const auto minimal = body_of(minimal_created());
    for (const char* key : {"expected_close", "lead_id", "company_id"}) {
        CHECK_FALSE(minimal.contains(key));
    }
    CHECK(body_of(deal_updated{.id = deal_1}) == json{{"deal_id", deal_1.str()}});
    const auto cleared = body_of(
        deal_updated{.id = deal_1, .expected_close = date_patch{}, .company = company_patch{}});
    CHECK(cleared ==
          json{{"deal_id", deal_1.str()}, {"expected_close", nullptr}, {"company_id", nullptr}});

    const auto decoded = decode_deal_event(updated_type, R"({"deal_id":"d","company_id":null})");
    REQUIRE(decoded.has_value());
    const auto& updated = std::get<deal_updated>(*decoded);
    CHECK_FALSE(updated.expected_close.has_value());
    REQUIRE(updated.company.has_value());
    CHECK_FALSE(updated.company->has_value());
}

TEST_CASE("deal decode rejects an unknown type and bodies that are not a JSON object") {
    CHECK(decode_deal_event("ventros.crm.deal.deleted.v1", "{}").error() ==
          "unknown event type 'ventros.crm.deal.deleted.v1'");
    CHECK_FALSE(decode_deal_event("ventros.crm.lead.created.v1", "{}").has_value());
    CHECK(decode_deal_event(created_type, "[1]").error() == "body must be a JSON object");
    CHECK(decode_deal_event(created_type, "{").error() == "body is not valid JSON");
    const std::string text = valid_created().dump();
    for (std::size_t n = 0; n < text.size(); ++n) {
        CHECK_FALSE(decode_deal_event(created_type, text.substr(0, n)).has_value());
    }
}

TEST_CASE("deal decode names the member that is missing, mistyped or unknown") {
    auto with = [](auto change) {
        json body = valid_created();
        change(body);
        return decode_error(created_type, body);
    };
    CHECK(with([](json& b) { b.erase("title"); }) == "title is required");
    CHECK(with([](json& b) { b.erase("probability_overridden"); }) ==
          "probability_overridden is required");
    CHECK(with([](json& b) { b.erase("currency"); }) == "currency is required");
    CHECK(with([](json& b) { b["title"] = 5; }) == "title must be a non-empty string");
    CHECK(with([](json& b) {
              b["value_cents"] = "100";
          }).starts_with("value_cents must be an integer"));
    CHECK(with([](json& b) {
              b["value_cents"] = 10.5;
          }).starts_with("value_cents must be an integer"));
    CHECK(with([](json& b) { b["probability_overridden"] = 1; }) ==
          "probability_overridden must be true or false");
    CHECK(with([](json& b) { b["lead_id"] = nullptr; }) == "lead_id must be a string");
    CHECK(with([](json& b) { b["company_id"] = ""; }) == "company_id must not be empty");
    CHECK(with([](json& b) { b["status"] = "open"; }) == "status is not a known field");
}

TEST_CASE("deal decode refuses values out of range") {
    auto with = [](auto change) {
        json body = valid_created();
        change(body);
        return decode_error(created_type, body);
    };
    CHECK(with([](json& b) {
              b["value_cents"] = -1;
          }).starts_with("value_cents must be an integer from 0"));
    CHECK(with([](json& b) {
              b["value_cents"] = 9'223'372'036'854'775'808ULL;
          }).starts_with("value_cents must be an integer from 0"));
    CHECK(with([](json& b) { b["probability"] = 101; }) == "probability must be from 0 to 100");
    CHECK(
        with([](json& b) { b["probability"] = -5; }).starts_with("probability must be an integer"));
    for (const char* currency : {"brl", "BR", "BRLL", "B1L"}) {
        CAPTURE(currency);
        CHECK(with([&](json& b) { b["currency"] = currency; }) ==
              "currency must be three upper-case letters");
    }
    for (const char* date : {"2026-02-30", "2026-13-01", "2026-1-01", "15/12/2026",
                             "2026-12-15T00:00:00Z", "", "2026-12-1x"}) {
        CAPTURE(date);
        CHECK(with([&](json& b) { b["expected_close"] = date; }) ==
              "expected_close must be a date written YYYY-MM-DD");
    }
    CHECK(decode_deal_event(created_type, valid_created().dump()).has_value());
}

TEST_CASE("deal.updated checks its patches and keeps money together") {
    auto error = [](const json& body) { return decode_error(updated_type, body); };
    CHECK(error({{"deal_id", "d"}, {"value_cents", 100}}) ==
          "currency is required with the other money member");
    CHECK(error({{"deal_id", "d"}, {"currency", "BRL"}}) ==
          "value_cents is required with the other money member");
    CHECK(error({{"deal_id", "d"}, {"value_cents", -100}, {"currency", "BRL"}})
              .starts_with("value_cents must be an integer from 0"));
    CHECK(error({{"deal_id", "d"}, {"title", ""}}) == "title must not be empty");
    CHECK(error({{"deal_id", "d"}, {"title", nullptr}}) == "title must be a string");
    CHECK(error({{"deal_id", "d"}, {"owner_id", nullptr}}) == "owner_id must be a string");
    CHECK(error({{"deal_id", "d"}, {"expected_close", "2026-04-31"}}) ==
          "expected_close must be a date written YYYY-MM-DD or null");
    CHECK(error({{"deal_id", "d"}, {"expected_close", 20261215}}) ==
          "expected_close must be a string or null");
    CHECK(error({{"deal_id", "d"}, {"company_id", ""}}) == "company_id must not be empty");
    CHECK(error({{"deal_id", "d"}, {"value", 100}}) == "value is not a known field");
    CHECK(error(json::object()) == "deal_id is required");
}

TEST_CASE("the other deal events refuse bad bodies") {
    CHECK(decode_error("ventros.crm.deal.stage_moved.v1",
                       {{"deal_id", "d"}, {"from", "a"}, {"to", "b"}, {"probability", 50}}) ==
          "probability_overridden is required");
    CHECK(decode_error("ventros.crm.deal.stage_moved.v1", {{"deal_id", "d"},
                                                           {"from", "a"},
                                                           {"to", ""},
                                                           {"probability", 50},
                                                           {"probability_overridden", false}}) ==
          "to must be a non-empty string");
    CHECK(decode_error("ventros.crm.deal.won.v1",
                       {{"deal_id", "d"}, {"value_cents", -1}, {"currency", "BRL"}})
              .starts_with("value_cents must be an integer from 0"));
    CHECK(decode_error("ventros.crm.deal.won.v1", {{"deal_id", "d"}, {"value_cents", 1}}) ==
          "currency is required");
    CHECK(decode_error("ventros.crm.deal.lost.v1", {{"deal_id", "d"}}) == "reason is required");
    CHECK(decode_error("ventros.crm.deal.reopened.v1", {{"deal_id", "d"}, {"from", "open"}}) ==
          "from has an unknown value");
    CHECK(decode_error("ventros.crm.deal.reopened.v1", {{"deal_id", 7}, {"from", "won"}}) ==
          "deal_id must be a non-empty string");
}
