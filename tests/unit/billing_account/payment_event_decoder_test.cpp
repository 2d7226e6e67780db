// Pins how provider payloads become provider events: the four types Ventros acts on,
// unknown types ignored, and field-level reasons for missing or mistyped members.
#include "../commands/decoder_errors.hpp"
#include "ventros/commands/payment_event_decoder.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::commands;
using namespace ventros::domain;
using nlohmann::json;
using ventros::testing::error_fields;
using ventros::testing::malformed;

namespace {

const std::string subscription = "0193a1c2-5d7e-7f80-9a1b-2c3d4e5fc001";

timestamp at(std::int64_t unix_seconds) {
    return timestamp{std::chrono::seconds{unix_seconds}};
}

json invoice_event(const std::string& type) {
    return json{{"id", "evt_1NfQ"},
                {"object", "event"},
                {"type", type},
                {"created", 1790000000},
                {"livemode", false},
                {"data",
                 {{"object",
                   {{"id", "in_1NfQ"},
                    {"object", "invoice"},
                    {"subscription", subscription},
                    {"amount_paid", 29900},
                    {"amount_due", 29900},
                    {"currency", "brl"},
                    {"period_start", 1787400000},
                    {"period_end", 1790000000},
                    {"next_payment_attempt", nullptr}}}}}};
}

json subscription_object_event(const std::string& type) {
    return json{{"id", "evt_2AbC"},
                {"type", type},
                {"created", 1790000100},
                {"data",
                 {{"object",
                   {{"id", subscription},
                    {"object", "subscription"},
                    {"status", "active"},
                    {"cancel_at_period_end", true}}}}}};
}

/// The first reason a refused body was given, for failure messages.
std::string first_problem(const decoded<payment_event_payload>& result) {
    if (result) {
        return {};
    }
    const auto& refusal = result.error();
    return refusal.errors.empty()
               ? refusal.detail
               : refusal.errors.front().field + " " + refusal.errors.front().reason;
}

provider_event decoded_event(const json& body) {
    const auto result = decode_payment_event(body.dump());
    REQUIRE_MESSAGE(result.has_value(), first_problem(result));
    REQUIRE(std::holds_alternative<provider_event>(*result));
    return std::get<provider_event>(*result);
}

std::vector<std::string> refused_fields(const json& body) {
    const auto result = decode_payment_event(body.dump());
    CHECK_FALSE(malformed(result));
    return error_fields(result);
}

} // namespace

TEST_CASE("invoice.payment_succeeded: amount paid, currency upper case, the invoice period") {
    const auto e = decoded_event(invoice_event("invoice.payment_succeeded"));
    CHECK(e == provider_event{.id = "evt_1NfQ",
                              .what = provider_event::kind::payment_succeeded,
                              .created = at(1790000000),
                              .subscription = subscription_id{subscription},
                              .period_start = at(1787400000),
                              .period_end = at(1790000000),
                              .amount_cents = 29900,
                              .currency = "BRL",
                              .final_attempt = false,
                              .cancel_at_period_end = std::nullopt});
}

TEST_CASE("the first invoice line's period wins over the invoice's own") {
    auto body = invoice_event("invoice.payment_succeeded");
    body["data"]["object"]["lines"] = {
        {"object", "list"},
        {"data",
         json::array({{{"id", "il_1"}, {"period", {{"start", 1790000000}, {"end", 1792600000}}}},
                      {{"id", "il_2"}, {"period", {{"start", 1}, {"end", 2}}}}})}};
    const auto e = decoded_event(body);
    CHECK(e.period_start == at(1790000000));
    CHECK(e.period_end == at(1792600000));

    body["data"]["object"]["lines"]["data"][0]["period"]["end"] = "soon";
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/lines/data/0/period/end"});

    auto no_lines = invoice_event("invoice.payment_succeeded");
    no_lines["data"]["object"]["lines"] = {{"data", json::array()}};
    CHECK(decoded_event(no_lines).period_end == at(1790000000));
}

TEST_CASE("invoice.payment_failed: amount due; a null next attempt is the final one") {
    auto body = invoice_event("invoice.payment_failed");
    body["data"]["object"]["amount_paid"] = 0;
    body["data"]["object"]["amount_due"] = 79900;
    const auto final_failure = decoded_event(body);
    CHECK(final_failure.what == provider_event::kind::payment_failed);
    CHECK(final_failure.amount_cents == 79900);
    CHECK(final_failure.final_attempt);
    CHECK(final_failure.subscription == subscription_id{subscription});

    body["data"]["object"]["next_payment_attempt"] = 1790259200;
    CHECK_FALSE(decoded_event(body).final_attempt);

    body["data"]["object"]["next_payment_attempt"] = "tomorrow";
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/next_payment_attempt"});
    body["data"]["object"].erase("next_payment_attempt");
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/next_payment_attempt"});
}

TEST_CASE("customer.subscription.updated carries cancel_at_period_end") {
    const auto e = decoded_event(subscription_object_event("customer.subscription.updated"));
    CHECK(e == provider_event{.id = "evt_2AbC",
                              .what = provider_event::kind::subscription_updated,
                              .created = at(1790000100),
                              .subscription = subscription_id{subscription},
                              .cancel_at_period_end = true});
    auto body = subscription_object_event("customer.subscription.updated");
    body["data"]["object"]["cancel_at_period_end"] = "yes";
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/cancel_at_period_end"});
    body["data"]["object"].erase("cancel_at_period_end");
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/cancel_at_period_end"});
}

TEST_CASE("customer.subscription.deleted names the subscription only") {
    auto body = subscription_object_event("customer.subscription.deleted");
    body["data"]["object"].erase("cancel_at_period_end");
    const auto e = decoded_event(body);
    CHECK(e.what == provider_event::kind::subscription_deleted);
    CHECK(e.subscription == subscription_id{subscription});
    CHECK_FALSE(e.cancel_at_period_end);
    CHECK_FALSE(e.period_end);
}

TEST_CASE("an unknown type with an id is ignored, whatever its data") {
    const auto result = decode_payment_event(
        R"({"id":"evt_9","type":"customer.created","data":{"object":{"email":1}}})");
    REQUIRE(result);
    CHECK(std::get<ignored_payment_event>(*result) ==
          ignored_payment_event{.id = "evt_9", .type = "customer.created"});
}

TEST_CASE("missing members are named by JSON pointer") {
    CHECK(refused_fields(json::object()) == std::vector<std::string>{"/id", "/type"});
    CHECK(refused_fields(json{{"type", "customer.created"}}) == std::vector<std::string>{"/id"});

    auto bare = invoice_event("invoice.payment_succeeded");
    bare.erase("created");
    bare["data"]["object"] = json::object();
    CHECK(refused_fields(bare) ==
          std::vector<std::string>{"/created", "/data/object/subscription",
                                   "/data/object/amount_paid", "/data/object/currency",
                                   "/data/object/period_start", "/data/object/period_end"});
    auto no_data = subscription_object_event("customer.subscription.deleted");
    no_data.erase("data");
    CHECK(refused_fields(no_data) == std::vector<std::string>{"/data"});
    auto no_object = subscription_object_event("customer.subscription.deleted");
    no_object["data"] = json::object();
    CHECK(refused_fields(no_object) == std::vector<std::string>{"/data/object"});
}

TEST_CASE("members of the wrong type or range are refused") {
    auto body = invoice_event("invoice.payment_succeeded");
    body["id"] = 12;
    CHECK(refused_fields(body) == std::vector<std::string>{"/id"});

    body = invoice_event("invoice.payment_succeeded");
    body["created"] = "2026-01-01";
    body["data"]["object"]["subscription"] = nullptr;
    body["data"]["object"]["amount_paid"] = -5;
    body["data"]["object"]["currency"] = "reais";
    body["data"]["object"]["period_start"] = 1.5;
    body["data"]["object"]["period_end"] = 999999999999;
    CHECK(refused_fields(body) ==
          std::vector<std::string>{"/created", "/data/object/subscription",
                                   "/data/object/amount_paid", "/data/object/currency",
                                   "/data/object/period_start", "/data/object/period_end"});

    body = invoice_event("invoice.payment_succeeded");
    body["data"]["object"]["period_end"] = 1787000000;
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/period_end"});

    body = subscription_object_event("customer.subscription.updated");
    body["data"]["object"] = "sub_1";
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object"});
    body["data"] = json::array();
    CHECK(refused_fields(body) == std::vector<std::string>{"/data"});
    body = subscription_object_event("customer.subscription.updated");
    body["data"]["object"]["id"] = "";
    CHECK(refused_fields(body) == std::vector<std::string>{"/data/object/id"});
}

TEST_CASE("a body that is not JSON is malformed (400); one that is not an object is invalid") {
    CHECK(malformed(decode_payment_event(R"({"id":"evt_1",)")));
    CHECK(malformed(decode_payment_event("")));
    const auto array = decode_payment_event("[]");
    REQUIRE_FALSE(array);
    CHECK(array.error().what == invalid_input::kind::invalid);
}
