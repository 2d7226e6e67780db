// Every refused subscription command, and the slugs refusals travel with.
#include "subscription_fixtures.hpp"

using namespace billing_test;
using enum subscription_error;
using std::chrono::days;

namespace {

subscription_error refusal(subscription_run& r, const subscription_command& command,
                           const command_context& context) {
    const auto version = r.maybe_state() ? r.maybe_state()->version : 0;
    const auto decision = r.run(command, context);
    REQUIRE_FALSE(decision.has_value());
    CHECK((r.maybe_state() ? r.maybe_state()->version : 0) == version);
    return decision.error();
}

} // namespace

TEST_CASE("plan changes, cancellations and resumes are for admins only") {
    auto r = subscription_run::paying();
    r.accept(request_cancellation{}, as(role::admin, trial_end));
    const auto now = trial_end + days{1};
    for (const role who : {role::manager, role::agent, role::viewer}) {
        CAPTURE(to_string(who));
        CHECK(refusal(r, change_plan{growth()}, as(who, now)) == not_permitted);
        CHECK(refusal(r, request_cancellation{.at_period_end = false}, as(who, now)) ==
              not_permitted);
        CHECK(refusal(r, resume_subscription{}, as(who, now)) == not_permitted);
    }
}

TEST_CASE("a subscription starts once") {
    auto r = subscription_run::trial();
    CHECK(refusal(r, start_subscription{.id = sub, .chosen = growth()}, system_at(started)) ==
          already_exists);
}

TEST_CASE("commands on a tenant without a subscription: not found") {
    subscription_run r;
    CHECK(refusal(r, change_plan{growth()}, as(role::admin, started)) == not_found);
    CHECK(refusal(r, request_cancellation{}, as(role::admin, started)) == not_found);
    CHECK(refusal(r, resume_subscription{}, as(role::admin, started)) == not_found);
    CHECK(refusal(r, tick_subscription{}, system_at(started)) == not_found);
}

TEST_CASE("a provider event for no subscription or another one is unknown") {
    subscription_run none;
    CHECK(refusal(none, apply_provider_event{paid("evt_1", trial_end, p1)}, system_at(trial_end)) ==
          unknown_subscription);
    auto r = subscription_run::trial();
    auto other = paid("evt_1", trial_end, p1);
    other.subscription = subscription_id{"sub-of-another-tenant"};
    CHECK(refusal(r, apply_provider_event{other}, system_at(trial_end)) == unknown_subscription);
}

TEST_CASE("an invoice event without a valid period is incomplete; a snapshot needs none") {
    auto r = subscription_run::trial();
    auto no_period = paid("evt_1", trial_end, p1);
    no_period.period_end.reset();
    CHECK(refusal(r, apply_provider_event{no_period}, system_at(trial_end)) ==
          incomplete_provider_event);
    const auto backwards = failed("evt_2", trial_end, {.start = p1.end, .end = p1.start});
    CHECK(refusal(r, apply_provider_event{backwards}, system_at(trial_end)) ==
          incomplete_provider_event);
    const auto empty = paid("evt_3", trial_end, {.start = p1.start, .end = p1.start});
    CHECK(refusal(r, apply_provider_event{empty}, system_at(trial_end)) ==
          incomplete_provider_event);
    CHECK(r.run(apply_provider_event{updated("evt_4", trial_end, true)}, system_at(started))
              .has_value());
}

TEST_CASE("a change to the plan in force is refused, as is one in another currency") {
    auto r = subscription_run::paying();
    auto repriced = starter();
    repriced.price_cents = 1;
    CHECK(refusal(r, change_plan{repriced}, as(role::admin, trial_end)) == same_plan);
    auto dollars = growth();
    dollars.currency = "USD";
    CHECK(refusal(r, change_plan{dollars}, as(role::admin, trial_end)) == currency_mismatch);
}

TEST_CASE("a canceled subscription takes no plan change, cancellation or resume") {
    auto r = subscription_run::paying();
    r.accept(request_cancellation{.at_period_end = false}, as(role::admin, trial_end));
    const auto now = trial_end + days{1};
    CHECK(refusal(r, change_plan{growth()}, as(role::admin, now)) == subscription_ended);
    CHECK(refusal(r, request_cancellation{}, as(role::admin, now)) == subscription_ended);
    CHECK(refusal(r, request_cancellation{.at_period_end = false}, as(role::admin, now)) ==
          subscription_ended);
    CHECK(refusal(r, resume_subscription{}, as(role::admin, now)) == subscription_ended);
}

TEST_CASE("an unpaid subscription, even before the tick records it, takes no plan change") {
    auto r = subscription_run::trial();
    const auto late = trial_end + payment_grace;
    REQUIRE(r.state().status == subscription_status::trialing);
    CHECK(refusal(r, change_plan{growth()}, as(role::admin, late)) == subscription_ended);
    CHECK(refusal(r, request_cancellation{}, as(role::admin, late)) == subscription_ended);
}

TEST_CASE("a period-end cancellation is scheduled once; resume needs one scheduled") {
    auto r = subscription_run::paying();
    CHECK(refusal(r, resume_subscription{}, as(role::admin, trial_end)) == nothing_scheduled);
    r.accept(request_cancellation{}, as(role::admin, trial_end));
    CHECK(refusal(r, request_cancellation{}, as(role::admin, trial_end)) == already_scheduled);
    r.accept(resume_subscription{}, as(role::admin, trial_end));
    CHECK(refusal(r, resume_subscription{}, as(role::admin, trial_end)) == nothing_scheduled);
}

TEST_CASE("refusals have stable slugs") {
    CHECK(to_string(not_found) == "subscription-not-found");
    CHECK(to_string(already_exists) == "subscription-already-exists");
    CHECK(to_string(not_permitted) == "not-permitted");
    CHECK(to_string(same_plan) == "same-plan");
    CHECK(to_string(currency_mismatch) == "plan-currency-mismatch");
    CHECK(to_string(subscription_ended) == "subscription-ended");
    CHECK(to_string(already_scheduled) == "cancellation-already-scheduled");
    CHECK(to_string(nothing_scheduled) == "nothing-scheduled");
    CHECK(to_string(unknown_subscription) == "unknown-subscription");
    CHECK(to_string(incomplete_provider_event) == "provider-event-incomplete");
}

TEST_CASE("statuses, reasons and provider event kinds read back from their names") {
    for (const auto s :
         {subscription_status::trialing, subscription_status::active, subscription_status::past_due,
          subscription_status::canceled, subscription_status::unpaid}) {
        CHECK(parse_subscription_status(to_string(s)) == s);
    }
    CHECK(to_string(subscription_status::past_due) == "past_due");
    CHECK(to_string(status_reason::grace_expired) == "grace-expired");
    CHECK(parse_status_reason("trial-expired") == status_reason::trial_expired);
    CHECK_FALSE(parse_status_reason("trial_expired").has_value());
    CHECK(parse_provider_event_kind("subscription_deleted") ==
          provider_event::kind::subscription_deleted);
    CHECK_FALSE(parse_subscription_status("paused").has_value());
}
