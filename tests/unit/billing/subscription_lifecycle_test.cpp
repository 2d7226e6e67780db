// Every transition of the subscription state machine (DOMAIN.md "Plans, subscriptions,
// usage"): trial, payments, time-driven ticks, cancellation, plan changes.
#include "subscription_fixtures.hpp"

using namespace billing_test;
using enum subscription_status;
using std::chrono::days;
using std::chrono::milliseconds;

TEST_CASE("a subscription starts trialing for 14 days with its plan and trial period") {
    subscription_run r;
    const auto events =
        r.accept(start_subscription{.id = sub, .chosen = starter()}, as(role::admin, started));
    REQUIRE(events.size() == 1);
    CHECK(events[0] ==
          subscription_event{subscription_started{
              .id = sub, .chosen = starter(), .started_at = started, .trial_ends_at = trial_end}});
    CHECK(r.state().status == trialing);
    CHECK(r.state().current_plan == starter());
    CHECK(r.state().period == billing_period{.start = started, .end = trial_end});
    CHECK_FALSE(r.state().paid_through.has_value());
    CHECK(r.state().version == 1);
}

TEST_CASE("a start may set another trial length") {
    subscription_run r;
    r.accept(start_subscription{.id = sub, .chosen = growth(), .trial_days = 30},
             system_at(started));
    CHECK(r.state().trial_ends_at == started + days{30});
}

TEST_CASE("a tick during the trial changes nothing; at its end an unpaid trial is past_due") {
    auto r = subscription_run::trial();
    CHECK(r.accept(tick_subscription{}, system_at(trial_end - milliseconds{1})).empty());
    const auto events = r.accept(tick_subscription{}, system_at(trial_end));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == status_change(trialing, past_due, status_reason::trial_expired));
    CHECK(r.state().status == past_due);
    CHECK(r.accept(tick_subscription{}, system_at(trial_end + days{1})).empty());
}

TEST_CASE("past_due for longer than the grace period becomes unpaid") {
    auto r = subscription_run::trial();
    r.accept(tick_subscription{}, system_at(trial_end));
    CHECK(r.accept(tick_subscription{}, system_at(trial_end + days{7} - milliseconds{1})).empty());
    const auto events = r.accept(tick_subscription{}, system_at(trial_end + payment_grace));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == status_change(past_due, unpaid, status_reason::grace_expired));
}

TEST_CASE("the first successful payment records it and makes the subscription active") {
    auto r = subscription_run::trial();
    const auto event = paid("evt_p1", trial_end, p1);
    const auto events = r.accept(apply_provider_event{event}, system_at(trial_end));
    REQUIRE(events.size() == 2);
    CHECK(events[0] == subscription_event{subscription_payment_recorded{
                           .id = sub,
                           .provider_event_id = "evt_p1",
                           .kind = provider_event::kind::payment_succeeded,
                           .created = trial_end,
                           .period = p1,
                           .amount_cents = 29'900}});
    CHECK(events[1] == status_change(trialing, active, status_reason::payment_succeeded));
    CHECK(r.state().paid_through == p1.end);
    CHECK(r.state().period == p1);
    CHECK(r.state().applied_provider_events == std::set<std::string>{"evt_p1"});
}

TEST_CASE("a past_due trial becomes active when paid late") {
    auto r = subscription_run::trial();
    r.accept(tick_subscription{}, system_at(trial_end));
    const auto events = r.accept(apply_provider_event{paid("evt_p1", trial_end, p1)},
                                 system_at(trial_end + days{2}));
    REQUIRE(events.size() == 2);
    CHECK(events[1] == status_change(past_due, active, status_reason::payment_succeeded));
}

TEST_CASE("a failed renewal makes it past_due; the renewal paid later makes it active") {
    auto r = subscription_run::paying();
    const auto failure =
        r.accept(apply_provider_event{failed("evt_f2", p2.start, p2)}, system_at(p2.start));
    REQUIRE(failure.size() == 2);
    CHECK(failure[1] == status_change(active, past_due, status_reason::payment_failed));
    CHECK(r.state().period == p2);
    const auto payment = r.accept(apply_provider_event{paid("evt_p2", p2.start + days{3}, p2)},
                                  system_at(p2.start + days{3}));
    REQUIRE(payment.size() == 2);
    CHECK(payment[1] == status_change(past_due, active, status_reason::payment_succeeded));
    CHECK(r.state().paid_through == p2.end);
}

TEST_CASE("a failure for a period already paid is recorded and changes nothing") {
    auto r = subscription_run::paying();
    const auto events = r.accept(apply_provider_event{failed("evt_late", trial_end, p1, true)},
                                 system_at(trial_end + days{1}));
    REQUIRE(events.size() == 1);
    CHECK(std::holds_alternative<subscription_payment_recorded>(events[0]));
    CHECK(r.state().status == active);
}

TEST_CASE("the final failed attempt for an unpaid period makes it unpaid; paying revives it") {
    auto r = subscription_run::paying();
    r.accept(apply_provider_event{failed("evt_f2a", p2.start, p2)}, system_at(p2.start));
    const auto events = r.accept(apply_provider_event{failed("evt_f2b", p2.start, p2, true)},
                                 system_at(p2.start + days{5}));
    REQUIRE(events.size() == 2);
    CHECK(events[1] == status_change(past_due, unpaid, status_reason::retries_exhausted));
    const auto payment = r.accept(apply_provider_event{paid("evt_p2", p2.start + days{6}, p2)},
                                  system_at(p2.start + days{6}));
    REQUIRE(payment.size() == 2);
    CHECK(payment[1] == status_change(unpaid, active, status_reason::payment_succeeded));
}

TEST_CASE("an active period that ends without a renewal payment becomes past_due") {
    auto r = subscription_run::paying();
    CHECK(r.accept(tick_subscription{}, system_at(p1.end - milliseconds{1})).empty());
    const auto events = r.accept(tick_subscription{}, system_at(p1.end));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == status_change(active, past_due, status_reason::period_ended));
    const auto later = r.accept(tick_subscription{}, system_at(p1.end + payment_grace));
    REQUIRE(later.size() == 1);
    CHECK(later[0] == status_change(past_due, unpaid, status_reason::grace_expired));
}

TEST_CASE("a cancellation at period end is scheduled, then ends the subscription at that end") {
    auto r = subscription_run::paying();
    const auto now = trial_end + days{10};
    const auto events = r.accept(request_cancellation{.at_period_end = true}, as(role::admin, now));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == subscription_event{subscription_cancellation_scheduled{
                           .id = sub, .requested_at = now, .ends_at = p1.end}});
    CHECK(r.state().cancel_at_period_end);
    CHECK(r.state().status == active);
    CHECK(r.accept(tick_subscription{}, system_at(p1.end - milliseconds{1})).empty());
    const auto end = r.accept(tick_subscription{}, system_at(p1.end));
    REQUIRE(end.size() == 1);
    CHECK(end[0] == status_change(active, canceled, status_reason::period_ended));
}

TEST_CASE("a scheduled cancellation during the trial ends it at the trial's end") {
    auto r = subscription_run::trial();
    r.accept(request_cancellation{}, as(role::admin, started + days{1}));
    const auto end = r.accept(tick_subscription{}, system_at(trial_end));
    REQUIRE(end.size() == 1);
    CHECK(end[0] == status_change(trialing, canceled, status_reason::period_ended));
}

TEST_CASE("resume revokes a scheduled cancellation: the period end then renews as usual") {
    auto r = subscription_run::paying();
    r.accept(request_cancellation{}, as(role::admin, trial_end + days{10}));
    const auto now = trial_end + days{11};
    const auto events = r.accept(resume_subscription{}, as(role::admin, now));
    REQUIRE(events.size() == 1);
    CHECK(events[0] ==
          subscription_event{subscription_cancellation_revoked{.id = sub, .requested_at = now}});
    CHECK_FALSE(r.state().cancel_at_period_end);
    const auto end = r.accept(tick_subscription{}, system_at(p1.end));
    REQUIRE(end.size() == 1);
    CHECK(end[0] == status_change(active, past_due, status_reason::period_ended));
}

TEST_CASE("a cancellation now ends the subscription for good") {
    auto r = subscription_run::paying();
    const auto events = r.accept(request_cancellation{.at_period_end = false},
                                 as(role::admin, trial_end + days{3}));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == status_change(active, canceled, status_reason::canceled_by_customer));
    CHECK(r.state().ended_by == status_reason::canceled_by_customer);
    const auto payment =
        r.accept(apply_provider_event{paid("evt_p2", p2.start, p2)}, system_at(p2.start));
    CHECK(payment.size() == 1); // recorded, no status change
    CHECK(r.state().status == canceled);
    CHECK(r.accept(tick_subscription{}, system_at(p2.end + days{30})).empty());
}

TEST_CASE("a subscription the provider deleted stays canceled whatever comes after") {
    auto r = subscription_run::paying();
    const auto events = r.accept(apply_provider_event{deleted("evt_del", trial_end + days{2})},
                                 system_at(trial_end + days{2}));
    REQUIRE(events.size() == 2);
    CHECK(events[1] == status_change(active, canceled, status_reason::provider_deleted));
    r.accept(apply_provider_event{paid("evt_p2", p2.start, p2)}, system_at(p2.start));
    r.accept(apply_provider_event{updated("evt_u", p2.start, false)}, system_at(p2.start));
    CHECK(r.state().status == canceled);
    CHECK(r.state().ended_by == status_reason::provider_deleted);
}

TEST_CASE("a provider snapshot sets cancel_at_period_end only when newer than what set it") {
    auto r = subscription_run::paying();
    const auto t = trial_end + days{5};
    r.accept(apply_provider_event{updated("evt_u2", t + days{1}, true)}, system_at(t));
    CHECK(r.state().cancel_at_period_end);
    const auto older = r.accept(apply_provider_event{updated("evt_u1", t, false)}, system_at(t));
    CHECK(older.size() == 1); // recorded as applied, but overruled
    CHECK(r.state().cancel_at_period_end);
    CHECK(r.state().applied_provider_events.contains("evt_u1"));

    // An admin's command always applies; only a snapshot created after it overrides it.
    r.accept(resume_subscription{}, as(role::admin, t + days{2}));
    CHECK_FALSE(r.state().cancel_at_period_end);
    r.accept(apply_provider_event{updated("evt_u3", t + days{1} + milliseconds{1}, true)},
             system_at(t + days{2}));
    CHECK_FALSE(r.state().cancel_at_period_end);
    r.accept(apply_provider_event{updated("evt_u4", t + days{3}, true)}, system_at(t + days{3}));
    CHECK(r.state().cancel_at_period_end);
}

TEST_CASE("a canceled period end is left when newer facts no longer end it") {
    auto r = subscription_run::paying();
    r.accept(apply_provider_event{updated("evt_u1", trial_end, true)}, system_at(trial_end));
    r.accept(tick_subscription{}, system_at(p1.end));
    REQUIRE(r.state().status == canceled);
    const auto revoked = r.accept(apply_provider_event{updated("evt_u2", p1.end, false)},
                                  system_at(p1.end + days{1}));
    REQUIRE(revoked.size() == 2);
    CHECK(revoked[1] == status_change(canceled, past_due, status_reason::cancellation_revoked));
    const auto renewed =
        r.accept(apply_provider_event{paid("evt_p2", p1.end, p2)}, system_at(p1.end + days{1}));
    REQUIRE(renewed.size() == 2);
    CHECK(renewed[1] == status_change(past_due, active, status_reason::payment_succeeded));
}

TEST_CASE("a plan change during the trial takes effect now without proration") {
    auto r = subscription_run::trial();
    const auto now = started + days{3};
    const auto events = r.accept(change_plan{growth()}, as(role::admin, now));
    REQUIRE(events.size() == 1);
    CHECK(events[0] == subscription_event{subscription_plan_changed{.id = sub,
                                                                    .from = starter(),
                                                                    .to = growth(),
                                                                    .proration_cents = 0,
                                                                    .effective_at = now}});
    CHECK(r.state().current_plan == growth());
    CHECK(r.state().status == trialing);
}

TEST_CASE("an upgrade mid-period charges, a downgrade credits, the remaining fraction") {
    auto r = subscription_run::paying();
    // p1 is 30 days; 10 days left: (79900 - 29900) × 10/30 = 16666.67 → 16666.
    const auto upgrade = r.accept(change_plan{growth()}, as(role::admin, p1.end - days{10}));
    REQUIRE(upgrade.size() == 1);
    CHECK(std::get<subscription_plan_changed>(upgrade[0]).proration_cents == 16'666);
    // 5 days left: (29900 - 79900) × 5/30 = -8333.33 → -8333 (toward zero).
    const auto downgrade = r.accept(change_plan{starter()}, as(role::admin, p1.end - days{5}));
    CHECK(std::get<subscription_plan_changed>(downgrade[0]).proration_cents == -8'333);
    CHECK(r.state().current_plan == starter());
}

TEST_CASE("proration is integer, rounded toward zero, and never overflows") {
    const billing_period month{.start = p1.start, .end = p1.end};
    CHECK(prorate(0, 3, month, p1.start + days{10}) == 2);  // 3 × 20/30 = 2
    CHECK(prorate(3, 0, month, p1.start + days{10}) == -2); // −2 exactly
    CHECK(prorate(0, 100, month, p1.start + days{15}) == 50);
    CHECK(prorate(0, 100, month, p1.start - days{1}) == 100); // not started: the whole
    CHECK(prorate(0, 100, month, p1.end) == 0);               // over
    CHECK(prorate(0, 100, {.start = p1.end, .end = p1.end}, p1.start) == 0);
    constexpr auto huge = std::numeric_limits<std::int64_t>::max();
    CHECK(prorate(0, huge, month, p1.start + days{15}) == huge / 2);
    CHECK(prorate(huge, 0, month, p1.start) == -huge);
    CHECK(prorate(std::numeric_limits<std::int64_t>::min(), huge, month, p1.start) == huge);
}

TEST_CASE("a duplicate provider event is applied once: the second delivery decides nothing") {
    auto r = subscription_run::paying();
    const auto version = r.state().version;
    CHECK(
        r.accept(apply_provider_event{paid("evt_p1", trial_end, p1)}, system_at(p2.start)).empty());
    CHECK(r.state().version == version);
}

TEST_CASE("replaying the events gives the state the decisions were made on") {
    auto r = subscription_run::paying();
    r.accept(change_plan{growth()}, as(role::admin, trial_end + days{1}));
    r.accept(request_cancellation{}, as(role::admin, trial_end + days{2}));
    r.accept(apply_provider_event{failed("evt_f2", p2.start, p2)}, system_at(p2.start));
    CHECK(fold(r.events()) == r.maybe_state());
    CHECK(r.state().version == r.events().size());
}

TEST_CASE("assess names the status the facts give at a moment") {
    auto r = subscription_run::paying();
    CHECK(assess(r.state(), p1.start) == status_verdict{active, status_reason::payment_succeeded});
    CHECK(assess(r.state(), p1.end) == status_verdict{past_due, status_reason::period_ended});
    CHECK(assess(r.state(), p1.end + payment_grace) ==
          status_verdict{unpaid, status_reason::grace_expired});
}
