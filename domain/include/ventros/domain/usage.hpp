#pragma once

#include "ventros/domain/plan.hpp"
#include "ventros/domain/time.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace ventros::domain {

/// A tenant's metered usage in one calendar month (UTC). Users, channel instances and leads
/// are counts the tenant holds, not monthly figures: they are not kept here.
struct usage_month {
    std::chrono::year_month month;
    std::uint32_t messages = 0;
    std::uint64_t api_calls = 0;

    /// The usage to count against in `next`: unchanged for the same month, zeroed for a
    /// later one. An earlier month (a clock going back) keeps the counters: usage is never
    /// forgotten by a rollover that did not happen. Pure.
    usage_month roll_to(std::chrono::year_month next) const noexcept;

    bool operator==(const usage_month&) const = default;
};

/// A refused request: what it would have exceeded (402 `quota-exceeded`).
struct quota_exceeded {
    usage_metric metric = usage_metric::messages_per_month;
    std::uint32_t limit = 0;
    std::uint64_t current = 0;
    std::uint32_t requested = 0;
    bool operator==(const quota_exceeded&) const = default;
};

/// Whether `requested` more units of `metric` fit the plan when `current` are used:
/// nullopt = allowed. An unlimited metric never refuses; otherwise current + requested >
/// limit refuses (computed without overflow, so exactly reaching the limit is allowed and a
/// tenant already over it after a downgrade is refused even 0 more).
std::optional<quota_exceeded> check_quota(const plan_limits& limits, usage_metric metric,
                                          std::uint64_t current, std::uint32_t requested) noexcept;

/// The UTC calendar month of an instant.
std::chrono::year_month month_of(timestamp t) noexcept;

} // namespace ventros::domain
