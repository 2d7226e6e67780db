// Quota arithmetic: limits, edges and month rollover.
#include "subscription_fixtures.hpp"
#include "ventros/domain/usage.hpp"

#include <limits>

using namespace billing_test;
using namespace std::chrono;

TEST_CASE("usage within the limit is allowed, up to exactly the limit") {
    const auto limits = starter().limits; // 1000 messages
    CHECK_FALSE(check_quota(limits, usage_metric::messages_per_month, 0, 1).has_value());
    CHECK_FALSE(check_quota(limits, usage_metric::messages_per_month, 999, 1).has_value());
    CHECK_FALSE(check_quota(limits, usage_metric::messages_per_month, 990, 10).has_value());
    CHECK_FALSE(check_quota(limits, usage_metric::messages_per_month, 1000, 0).has_value());
}

TEST_CASE("one unit past the limit is refused, naming the limit and the usage") {
    const auto limits = starter().limits;
    CHECK(check_quota(limits, usage_metric::messages_per_month, 1000, 1) ==
          quota_exceeded{.metric = usage_metric::messages_per_month,
                         .limit = 1000,
                         .current = 1000,
                         .requested = 1});
    CHECK(check_quota(limits, usage_metric::messages_per_month, 995, 6).has_value());
    CHECK(check_quota(limits, usage_metric::users, 5, 1) ==
          quota_exceeded{.metric = usage_metric::users, .limit = 5, .current = 5, .requested = 1});
    CHECK(check_quota(limits, usage_metric::channel_instances, 1, 1)->limit == 1);
}

TEST_CASE("a tenant over its limit after a downgrade is refused even nothing more") {
    CHECK(check_quota(starter().limits, usage_metric::users, 12, 0) ==
          quota_exceeded{.metric = usage_metric::users, .limit = 5, .current = 12, .requested = 0});
}

TEST_CASE("a zero limit refuses the first unit") {
    plan_limits none{.leads = 0};
    CHECK(check_quota(none, usage_metric::leads, 0, 1).has_value());
    CHECK_FALSE(check_quota(none, usage_metric::leads, 0, 0).has_value());
}

TEST_CASE("an unlimited metric never refuses, whatever the figures") {
    constexpr auto most = std::numeric_limits<std::uint64_t>::max();
    constexpr auto most_requested = std::numeric_limits<std::uint32_t>::max();
    CHECK_FALSE(
        check_quota(enterprise().limits, usage_metric::users, most, most_requested).has_value());
    CHECK_FALSE(
        check_quota(starter().limits, usage_metric::leads, most, most_requested).has_value());
}

TEST_CASE("the arithmetic cannot overflow into an allowance") {
    constexpr auto top = std::numeric_limits<std::uint32_t>::max();
    const plan_limits wide{.messages_per_month = top};
    CHECK_FALSE(check_quota(wide, usage_metric::messages_per_month, top - 1, 1).has_value());
    CHECK(check_quota(wide, usage_metric::messages_per_month, top, 1).has_value());
    CHECK(check_quota(wide, usage_metric::messages_per_month, 1, top).has_value());
    CHECK(check_quota(wide, usage_metric::messages_per_month,
                      std::numeric_limits<std::uint64_t>::max(), top)
              .has_value());
    // 2^64 − 1 + 2 would wrap to 1 in 64 bits.
    CHECK(check_quota(starter().limits, usage_metric::messages_per_month,
                      std::numeric_limits<std::uint64_t>::max(), 2)
              .has_value());
}

TEST_CASE("a month is the UTC calendar month of an instant") {
    CHECK(month_of(at("2026-01-31T23:59:59.999Z")) == 2026y / January);
    CHECK(month_of(at("2026-02-01T00:00:00Z")) == 2026y / February);
    CHECK(month_of(at("2026-01-31T22:00:00-03:00")) == 2026y / February);
    CHECK(month_of(at("2026-12-31T23:59:59Z")) == 2026y / December);
    CHECK(month_of(at("2027-01-01T00:00:00Z")) == 2027y / January);
}

TEST_CASE("rolling usage to a new month resets it; the same or an earlier month keeps it") {
    const usage_month november{.month = 2026y / November, .messages = 740, .api_calls = 91'000};
    CHECK(november.roll_to(2026y / November) == november);
    CHECK(november.roll_to(2026y / December) == usage_month{.month = 2026y / December});
    CHECK(november.roll_to(2027y / January) == usage_month{.month = 2027y / January});
    CHECK(november.roll_to(2026y / October) == november);
}
