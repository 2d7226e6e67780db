// Property: the provider may deliver its events late, repeatedly and in any order; the
// subscription ends in one state. Each set below is delivered 200 times, every event three
// times, shuffled by a fixed-seed generator, one delivery a minute after the last event.
#include "subscription_fixtures.hpp"

#include <algorithm>
#include <random>

using namespace billing_test;
using std::chrono::days;
using std::chrono::minutes;

namespace {

/// The state after delivering `deliveries` in order from a fresh trial, a minute apart
/// from `first_arrival`, then a tick at `settle_at` when given. `version` is set to 0: it
/// counts the status changes on the way, which depend on the order by design.
subscription_state deliver(const std::vector<provider_event>& deliveries, timestamp first_arrival,
                           std::optional<timestamp> settle_at = std::nullopt) {
    auto r = subscription_run::trial();
    timestamp now = first_arrival;
    for (const auto& event : deliveries) {
        r.accept(apply_provider_event{event}, system_at(now));
        now += minutes{1};
    }
    if (settle_at) {
        r.accept(tick_subscription{}, system_at(*settle_at));
    }
    auto state = r.state();
    state.version = 0;
    return state;
}

/// Delivers `events` in 200 shuffles, each event three times; every final state must be
/// the first one. Returns it.
subscription_state final_state_of(const std::vector<provider_event>& events,
                                  timestamp first_arrival,
                                  std::optional<timestamp> settle_at = std::nullopt) {
    std::vector<provider_event> deliveries;
    for (int copy = 0; copy < 3; ++copy) {
        deliveries.insert(deliveries.end(), events.begin(), events.end());
    }
    std::mt19937 shuffler{20261115};
    std::optional<subscription_state> first;
    for (int round = 0; round < 200; ++round) {
        std::ranges::shuffle(deliveries, shuffler);
        const auto state = deliver(deliveries, first_arrival, settle_at);
        if (!first) {
            first = state;
            continue;
        }
        CAPTURE(round);
        REQUIRE(state.status == first->status);
        REQUIRE(state.paid_through == first->paid_through);
        REQUIRE(state.cancel_at_period_end == first->cancel_at_period_end);
        REQUIRE(state.period == first->period);
        REQUIRE(state == *first);
    }
    return *first;
}

/// Trial → first period paid → renewal failed twice → renewal paid, and two snapshots of
/// which the newer schedules the cancellation.
std::vector<provider_event> recovering_subscription() {
    return {
        paid("evt_paid_p1", trial_end + minutes{1}, p1),
        updated("evt_upd_keep", p1.start + days{5}, false),
        failed("evt_fail_p2_1", p2.start + minutes{1}, p2),
        failed("evt_fail_p2_2", p2.start + days{3}, p2),
        paid("evt_paid_p2", p2.start + days{4}, p2),
        updated("evt_upd_cancel", p2.start + days{5}, true),
    };
}

} // namespace

TEST_CASE("a recovering subscription's events give one state in any order and repetition") {
    const auto arrival = p2.start + days{6};
    const auto state = final_state_of(recovering_subscription(), arrival);
    CHECK(state.status == subscription_status::active);
    CHECK(state.paid_through == p2.end);
    CHECK(state.period == p2);
    CHECK(state.cancel_at_period_end);
    CHECK(state.applied_provider_events.size() == 6);
    // The same state as the events delivered once, in the order the provider sent them.
    CHECK(deliver(recovering_subscription(), arrival) == state);
}

TEST_CASE("the same events settled by a tick at the period end: canceled in any order") {
    const auto state = final_state_of(recovering_subscription(), p2.start + days{6}, p2.end);
    CHECK(state.status == subscription_status::canceled);
    CHECK(state.paid_through == p2.end);
}

TEST_CASE("a renewal whose retries are exhausted ends unpaid in any order") {
    const std::vector<provider_event> events{
        paid("evt_paid_p1", trial_end, p1),
        failed("evt_fail_1", p2.start, p2),
        failed("evt_fail_2", p2.start + days{2}, p2),
        failed("evt_fail_final", p2.start + days{4}, p2, true),
        updated("evt_upd", p2.start + days{1}, false),
    };
    const auto state = final_state_of(events, p2.start + days{5});
    CHECK(state.status == subscription_status::unpaid);
    CHECK(state.paid_through == p1.end);
    CHECK(state.period == p2);
    CHECK_FALSE(state.cancel_at_period_end);
}

TEST_CASE("a deletion among payments and snapshots ends canceled in any order") {
    const std::vector<provider_event> events{
        paid("evt_paid_p1", trial_end, p1),
        updated("evt_upd", p1.start + days{2}, true),
        deleted("evt_deleted", p1.end),
        paid("evt_paid_p2", p2.start, p2),
    };
    const auto state = final_state_of(events, p2.start + days{1});
    CHECK(state.status == subscription_status::canceled);
    CHECK(state.ended_by == status_reason::provider_deleted);
    CHECK(state.paid_through == p2.end);
}
