// Pins the token bucket arithmetic: burst, refill, exact waits, tenants apart, policy
// changes and eviction, all on simulated time.
#include "ventros/gateway/rate_limiter.hpp"

#include <doctest/doctest.h>

using namespace ventros::gateway;
using namespace std::chrono_literals;

namespace {

const auto t0 = std::chrono::steady_clock::time_point{} + 24h;

/// One token per second, ten at most.
constexpr rate_policy one_per_second{60, 10};

/// Takes `n` tokens at `now`; returns how many were granted.
int drain(rate_limiter& limiter, std::string_view tenant, const rate_policy& policy,
          std::chrono::steady_clock::time_point now, int n) {
    int granted = 0;
    for (int i = 0; i < n; ++i) {
        granted += limiter.try_acquire(tenant, policy, now).allowed ? 1 : 0;
    }
    return granted;
}

} // namespace

TEST_CASE("the default burst is a tenth of a minute's requests, at least 10") {
    CHECK(rate_policy::per_minute(600) == rate_policy{600, 100});
    CHECK(rate_policy::per_minute(6000) == rate_policy{6000, 1000});
    CHECK(rate_policy::per_minute(30).burst == 10);
    CHECK(rate_policy::per_minute(1).burst == 10);
}

TEST_CASE("a new tenant spends its whole burst at once, then is refused") {
    rate_limiter limiter;
    const auto policy = rate_policy::per_minute(600);
    for (std::uint32_t i = 1; i <= 100; ++i) {
        const auto d = limiter.try_acquire("acme", policy, t0);
        REQUIRE(d.allowed);
        CHECK(d.limit == 100);
        CHECK(d.remaining == 100 - i);
        CHECK(d.retry_after_seconds == 0);
    }
    const auto refused = limiter.try_acquire("acme", policy, t0);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.limit == 100);
    CHECK(refused.remaining == 0);
    CHECK(refused.retry_after_seconds == 1); // 10 tokens a second: 100 ms, rounded up
}

TEST_CASE("tokens come back at the policy's rate, up to the burst") {
    rate_limiter limiter;
    REQUIRE(drain(limiter, "acme", one_per_second, t0, 10) == 10);
    CHECK_FALSE(limiter.try_acquire("acme", one_per_second, t0 + 999ms).allowed);
    CHECK(limiter.try_acquire("acme", one_per_second, t0 + 1000ms).allowed);
    CHECK_FALSE(limiter.try_acquire("acme", one_per_second, t0 + 1000ms).allowed);
    CHECK(drain(limiter, "acme", one_per_second, t0 + 3500ms, 5) == 2);
    // Idle far longer than a refill: the bucket holds the burst, not more.
    CHECK(drain(limiter, "acme", one_per_second, t0 + 1h, 20) == 10);
}

TEST_CASE("reset_seconds counts up to a full bucket when allowed") {
    rate_limiter limiter;
    CHECK(limiter.try_acquire("acme", one_per_second, t0).reset_seconds == 1);
    CHECK(limiter.try_acquire("acme", one_per_second, t0).reset_seconds == 2);
    const auto third = limiter.try_acquire("acme", one_per_second, t0 + 500ms);
    CHECK(third.remaining == 7);
    CHECK(third.reset_seconds == 3); // 2.5 s missing, rounded up
}

TEST_CASE("Retry-After is the exact wait for one token, rounded up to a second") {
    rate_limiter limiter;
    const rate_policy one_per_ten_seconds{6, 10};
    REQUIRE(drain(limiter, "acme", one_per_ten_seconds, t0, 10) == 10);
    const auto at_3s = limiter.try_acquire("acme", one_per_ten_seconds, t0 + 3s);
    CHECK_FALSE(at_3s.allowed);
    CHECK(at_3s.retry_after_seconds == 7);
    CHECK(at_3s.reset_seconds == 7);
    CHECK(limiter.try_acquire("acme", one_per_ten_seconds, t0 + 3100ms).retry_after_seconds == 7);
    CHECK(limiter.try_acquire("acme", one_per_ten_seconds, t0 + 9999ms).retry_after_seconds == 1);
    CHECK(limiter.try_acquire("acme", one_per_ten_seconds, t0 + 10s).allowed);
}

TEST_CASE("a time earlier than the previous call refills nothing") {
    rate_limiter limiter;
    REQUIRE(drain(limiter, "acme", one_per_second, t0 + 5s, 10) == 10);
    const auto d = limiter.try_acquire("acme", one_per_second, t0);
    CHECK_FALSE(d.allowed);
    CHECK(d.retry_after_seconds == 1);
}

TEST_CASE("tenants have buckets of their own") {
    rate_limiter limiter;
    REQUIRE(drain(limiter, "acme", one_per_second, t0, 10) == 10);
    CHECK_FALSE(limiter.try_acquire("acme", one_per_second, t0).allowed);
    const auto other = limiter.try_acquire("globex", one_per_second, t0);
    CHECK(other.allowed);
    CHECK(other.remaining == 9);
    CHECK(limiter.tracked_tenants() == 2);
}

TEST_CASE("an upgrade applies on the next call: faster refill and a larger burst") {
    rate_limiter limiter;
    REQUIRE(drain(limiter, "acme", one_per_second, t0, 10) == 10);
    const rate_policy growth = rate_policy::per_minute(600); // 10 a second, burst 100
    // The time before the change refilled at the old rate (0.1 token by t0 + 100 ms); from
    // the change on, tokens come at 10 a second, so one is whole by t0 + 190 ms, where the
    // old policy would have made the tenant wait until t0 + 1 s.
    const auto upgraded = limiter.try_acquire("acme", growth, t0 + 100ms);
    CHECK_FALSE(upgraded.allowed);
    CHECK(upgraded.limit == 100);
    CHECK_FALSE(limiter.try_acquire("acme", growth, t0 + 189ms).allowed);
    CHECK(limiter.try_acquire("acme", growth, t0 + 190ms).allowed);
    CHECK(drain(limiter, "acme", growth, t0 + 1h, 200) == 100);
}

TEST_CASE("a downgrade caps the tokens held at the new burst") {
    rate_limiter limiter;
    REQUIRE(limiter.try_acquire("acme", rate_policy::per_minute(600), t0).remaining == 99);
    const auto downgraded = limiter.try_acquire("acme", one_per_second, t0);
    CHECK(downgraded.allowed);
    CHECK(downgraded.limit == 10);
    CHECK(downgraded.remaining == 9);
}

TEST_CASE("buckets idle and full again are evicted; a half-empty one is kept") {
    rate_limiter limiter({.shards = 1, .idle_eviction = 1min});
    const rate_policy slow{1, 10}; // refills in 10 minutes
    REQUIRE(limiter.try_acquire("acme", one_per_second, t0).allowed);
    REQUIRE(drain(limiter, "slowpoke", slow, t0, 10) == 10);
    REQUIRE(limiter.tracked_tenants() == 2);

    // Within the idle period nothing is swept.
    REQUIRE(limiter.try_acquire("globex", one_per_second, t0 + 30s).allowed);
    CHECK(limiter.tracked_tenants() == 3);

    // Past it, acme and globex (idle over a minute, full again) go; slowpoke stays.
    REQUIRE(limiter.try_acquire("initech", one_per_second, t0 + 2min).allowed);
    CHECK(limiter.tracked_tenants() == 2); // slowpoke, initech

    // Forgetting never granted anything: slowpoke is still short of tokens...
    CHECK(drain(limiter, "slowpoke", slow, t0 + 2min, 10) == 2);
    // ...and acme starts again with a full bucket, as it would have had anyway.
    CHECK(limiter.try_acquire("acme", one_per_second, t0 + 2min).remaining == 9);
}
