// Subscription event bodies and the plan JSON: round trips, names and strict decoding.
#include "subscription_fixtures.hpp"
#include "ventros/domain/plan_codec.hpp"
#include "ventros/domain/subscription_codec.hpp"

#include <nlohmann/json.hpp>

using namespace billing_test;
using nlohmann::json;

namespace {

/// One event of every type and every optional-member shape.
std::vector<subscription_event> every_shape() {
    const timestamp t = at("2026-11-20T08:30:15.250Z");
    return {
        subscription_started{
            .id = sub, .chosen = starter(), .started_at = started, .trial_ends_at = trial_end},
        subscription_started{
            .id = sub, .chosen = enterprise(), .started_at = t, .trial_ends_at = t},
        subscription_plan_changed{.id = sub,
                                  .from = starter(),
                                  .to = growth(),
                                  .proration_cents = 16'666,
                                  .effective_at = t},
        subscription_plan_changed{.id = sub,
                                  .from = growth(),
                                  .to = starter(),
                                  .proration_cents = -8'333,
                                  .effective_at = t},
        subscription_cancellation_scheduled{.id = sub, .requested_at = t, .ends_at = p1.end},
        subscription_cancellation_revoked{.id = sub, .requested_at = t},
        subscription_payment_recorded{.id = sub,
                                      .provider_event_id = "evt_1",
                                      .kind = provider_event::kind::payment_failed,
                                      .created = t,
                                      .period = p2,
                                      .amount_cents = 79'900,
                                      .currency = "BRL",
                                      .final_attempt = true},
        subscription_payment_recorded{.id = sub,
                                      .provider_event_id = "evt_2",
                                      .kind = provider_event::kind::subscription_updated,
                                      .created = t,
                                      .cancel_at_period_end = false},
        subscription_payment_recorded{.id = sub,
                                      .provider_event_id = "evt_3",
                                      .kind = provider_event::kind::subscription_deleted,
                                      .created = t,
                                      .currency = "USD"},
        subscription_status_changed{.id = sub,
                                    .from = subscription_status::past_due,
                                    .to = subscription_status::unpaid,
                                    .reason = status_reason::grace_expired},
    };
}

std::string decode_problem(std::string_view type, const json& body) {
    const auto decoded = decode_subscription_event(type, body.dump());
    REQUIRE_FALSE(decoded.has_value());
    return decoded.error();
}

} // namespace

TEST_CASE("every subscription event decodes back to itself") {
    for (const auto& event : every_shape()) {
        const auto text = encode_json(event);
        CAPTURE(text);
        const auto decoded = decode_subscription_event(event_type(event), text);
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == event);
        CHECK(subject_of(*decoded) == sub);
    }
}

TEST_CASE("event types and schemas are named per the billing topic") {
    const auto events = every_shape();
    CHECK(event_type(events[0]) == "ventros.billing.subscription.started.v1");
    CHECK(event_schema(events[0]) == "billing/subscription.started.v1.json");
    CHECK(event_type(events[4]) == "ventros.billing.subscription.cancellation_scheduled.v1");
    CHECK(event_schema(events.back()) == "billing/subscription.status_changed.v1.json");
    CHECK(is_subscription_event_type("ventros.billing.subscription.payment_recorded.v1"));
    CHECK_FALSE(is_subscription_event_type("ventros.billing.subscription.payment_recorded.v2"));
    CHECK_FALSE(is_subscription_event_type("ventros.crm.company.created.v1"));
    CHECK_FALSE(decode_subscription_event("ventros.billing.subscription.paused.v1", "{}"));
}

TEST_CASE("a body carries times in RFC 3339 and plans with null for unlimited") {
    const auto body = json::parse(encode_json(every_shape()[1]));
    CHECK(body.at("started_at") == "2026-11-20T08:30:15.250Z");
    CHECK(body.at("plan").at("limits").at("users").is_null());
    CHECK(body.at("plan").at("limits").at("requests_per_minute") == 600);
    const auto snapshot = json::parse(encode_json(every_shape()[7]));
    CHECK_FALSE(snapshot.contains("period_start"));
    CHECK(snapshot.at("cancel_at_period_end") == false);
}

TEST_CASE("bodies that break the contract are refused with the member named") {
    const auto started_type = "ventros.billing.subscription.started.v1";
    auto body = json::parse(encode_json(every_shape()[0]));
    body["plan"]["limits"]["users"] = -1;
    CHECK(decode_problem(started_type, body).starts_with("plan.limits.users"));
    body = json::parse(encode_json(every_shape()[0]));
    body["plan"]["limits"].erase("leads");
    CHECK(decode_problem(started_type, body) ==
          "plan.limits.leads is required (null for no limit)");
    body = json::parse(encode_json(every_shape()[0]));
    body["trial_ends_at"] = "2026-11-15";
    CHECK(decode_problem(started_type, body) == "trial_ends_at must be an RFC 3339 time");
    body = json::parse(encode_json(every_shape()[0]));
    body["extra"] = 1;
    CHECK(decode_problem(started_type, body) == "extra is not a known field");

    const auto payment_type = "ventros.billing.subscription.payment_recorded.v1";
    auto payment = json::parse(encode_json(every_shape()[6]));
    payment.erase("period_end");
    CHECK(decode_problem(payment_type, payment) == "period_end is required with the other bound");
    payment = json::parse(encode_json(every_shape()[6]));
    std::swap(payment["period_start"], payment["period_end"]);
    CHECK(decode_problem(payment_type, payment) == "period_end must be after period_start");
    payment = json::parse(encode_json(every_shape()[6]));
    payment["kind"] = "invoice.paid";
    CHECK(decode_problem(payment_type, payment) == "kind has an unknown value");
    payment = json::parse(encode_json(every_shape()[6]));
    payment["currency"] = "XYZ";
    CHECK(decode_problem(payment_type, payment) == "currency must be an ISO 4217 code");

    auto change = json::parse(encode_json(every_shape()[3]));
    change["proration_cents"] = 1.5;
    CHECK(decode_problem("ventros.billing.subscription.plan_changed.v1", change)
              .starts_with("proration_cents must be an integer"));
    auto status = json::parse(encode_json(every_shape().back()));
    status["reason"] = "grace_expired";
    CHECK(decode_problem("ventros.billing.subscription.status_changed.v1", status) ==
          "reason has an unknown value");
}

TEST_CASE("a plan reads back from its JSON object, with signed or unsigned numbers") {
    for (const auto& p : {starter(), growth(), enterprise()}) {
        CHECK(plan_from_json(plan_to_json(p)) == p);
    }
    // As the gateway builds it from a row: signed integers and nulls.
    const json row{{"code", "growth"},
                   {"name", "Growth"},
                   {"price_cents", std::int64_t{79'900}},
                   {"currency", "BRL"},
                   {"limits",
                    {{"users", std::int32_t{15}},
                     {"messages_per_month", std::int32_t{5'000}},
                     {"channel_instances", std::int32_t{3}},
                     {"leads", nullptr},
                     {"requests_per_minute", std::int32_t{600}}}}};
    CHECK(plan_from_json(row) == growth());
    CHECK(plan_to_json(growth()) == row);
}

TEST_CASE("a plan object that does not fit is refused with its first problem") {
    auto p = plan_to_json(starter());
    p["price_cents"] = -1;
    CHECK(plan_from_json(p).error().starts_with("price_cents must be an integer"));
    p = plan_to_json(starter());
    p["currency"] = "real";
    CHECK(plan_from_json(p).error() == "currency must be an ISO 4217 code");
    p = plan_to_json(starter());
    p["limits"]["channel_instances"] = 4294967296LL;
    CHECK(plan_from_json(p).error() ==
          "limits.channel_instances must be null or an integer from 0 to 4294967295");
    p = plan_to_json(starter());
    p["limits"]["seats"] = 3;
    CHECK(plan_from_json(p).error() == "limits.seats is not a known field");
    p = plan_to_json(starter());
    p.erase("code");
    CHECK(plan_from_json(p).error() == "code is required");
    CHECK(plan_from_json(json::array()).error() == "plan must be a JSON object");
}
