#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::domain {

/// What a plan allows a tenant. nullopt = unlimited. Plans are data (the `plans` table,
/// seeded by a migration); a subscription keeps a copy of its plan as it was when chosen,
/// so the limits that applied to a decision are in the log.
struct plan_limits {
    std::optional<std::uint32_t> users;              ///< active members of the project
    std::optional<std::uint32_t> messages_per_month; ///< conversation messages in + out
    std::optional<std::uint32_t> channel_instances;  ///< registered channel instances
    std::optional<std::uint32_t> leads;              ///< leads the tenant holds
    std::uint32_t requests_per_minute = 600;         ///< gateway rate limit (token bucket)
    bool operator==(const plan_limits&) const = default;
};

/// A plan as a subscription records it.
struct plan {
    std::string code; ///< "starter", "growth", "enterprise"
    std::string name;
    std::int64_t price_cents = 0; ///< per month
    std::string currency = "BRL";
    plan_limits limits;
    bool operator==(const plan&) const = default;
};

/// The quantities a plan limits.
enum class usage_metric { users, messages_per_month, channel_instances, leads };

/// Stable names used in problem responses and usage reads: "users", "messages_per_month",
/// "channel_instances", "leads".
std::string_view to_string(usage_metric m) noexcept;

/// The limit of `metric` in `limits` (nullopt = unlimited).
std::optional<std::uint32_t> limit_of(const plan_limits& limits, usage_metric metric) noexcept;

} // namespace ventros::domain
