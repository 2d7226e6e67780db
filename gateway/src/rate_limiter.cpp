#include "ventros/gateway/rate_limiter.hpp"

#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ventros::gateway {
namespace {

using clock = std::chrono::steady_clock;

// Tokens are counted in exact integer units so refill never drifts: one token is worth a
// minute in nanoseconds, and a bucket gains `requests_per_minute` units per nanosecond.
constexpr std::int64_t units_per_token = std::chrono::nanoseconds(std::chrono::minutes(1)).count();
constexpr std::int64_t nanos_per_second = std::chrono::nanoseconds(std::chrono::seconds(1)).count();

constexpr std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
    return (a + b - 1) / b;
}

std::int64_t capacity_units(const rate_policy& policy) {
    return std::int64_t{policy.burst} * units_per_token;
}

/// Nanoseconds until `policy` refills `tokens` to `target` units (0 when already there).
std::int64_t nanos_until(std::int64_t tokens, std::int64_t target, const rate_policy& policy) {
    return tokens >= target ? 0 : ceil_div(target - tokens, policy.requests_per_minute);
}

std::uint32_t whole_seconds_up(std::int64_t nanos) {
    const auto seconds = ceil_div(nanos, nanos_per_second);
    return static_cast<std::uint32_t>(
        std::min<std::int64_t>(seconds, std::numeric_limits<std::uint32_t>::max()));
}

struct bucket {
    std::int64_t tokens = 0; ///< in units; see units_per_token
    clock::time_point last;  ///< when `tokens` was computed
    rate_policy policy;      ///< the policy in force since `last`

    /// Brings `tokens` up to `now` at the policy's rate, capped at the burst.
    void refill(clock::time_point now) {
        if (now <= last) {
            return;
        }
        const auto elapsed = std::chrono::nanoseconds(now - last).count();
        const auto capacity = capacity_units(policy);
        if (elapsed >= nanos_until(tokens, capacity, policy)) {
            tokens = capacity;
        } else {
            // elapsed * rate < capacity - tokens + rate here, so this cannot overflow.
            tokens += elapsed * policy.requests_per_minute;
        }
        last = now;
    }

    bool full_and_idle(clock::time_point now, clock::duration idle) const {
        if (now - last < idle) {
            return false;
        }
        const auto elapsed = std::chrono::nanoseconds(now - last).count();
        return elapsed >= nanos_until(tokens, capacity_units(policy), policy);
    }
};

/// Hashes std::string and std::string_view alike, so lookups need not copy the tenant.
struct tenant_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view tenant) const noexcept {
        return std::hash<std::string_view>{}(tenant);
    }
};

rate_limiter_config with_at_least_one_shard(rate_limiter_config config) {
    config.shards = std::max<std::size_t>(config.shards, 1);
    return config;
}

} // namespace

struct alignas(64) rate_limiter::shard {
    std::mutex mutex;
    std::unordered_map<std::string, bucket, tenant_hash, std::equal_to<>> buckets;
    clock::time_point last_sweep;

    void sweep(clock::time_point now, clock::duration idle) {
        if (now - last_sweep < idle) {
            return;
        }
        last_sweep = now;
        std::erase_if(buckets,
                      [&](const auto& entry) { return entry.second.full_and_idle(now, idle); });
    }
};

rate_limiter::rate_limiter(rate_limiter_config config)
    : config_(with_at_least_one_shard(config)), shards_(std::make_unique<shard[]>(config_.shards)) {
}

rate_limiter::~rate_limiter() = default;

rate_decision rate_limiter::try_acquire(std::string_view tenant, const rate_policy& policy,
                                        clock::time_point now) {
    auto& s = shards_[tenant_hash{}(tenant) % config_.shards];
    const std::lock_guard lock(s.mutex);
    s.sweep(now, config_.idle_eviction);

    auto found = s.buckets.find(tenant);
    if (found == s.buckets.end()) {
        found = s.buckets.emplace(std::string(tenant), bucket{capacity_units(policy), now, policy})
                    .first;
    }
    auto& b = found->second;
    b.refill(now);
    b.policy = policy;
    b.tokens = std::min(b.tokens, capacity_units(policy));

    rate_decision d;
    d.limit = policy.burst;
    if (b.tokens >= units_per_token) {
        b.tokens -= units_per_token;
        d.allowed = true;
        d.remaining = static_cast<std::uint32_t>(b.tokens / units_per_token);
        d.reset_seconds = whole_seconds_up(nanos_until(b.tokens, capacity_units(policy), policy));
    } else {
        d.reset_seconds = whole_seconds_up(nanos_until(b.tokens, units_per_token, policy));
        d.retry_after_seconds = d.reset_seconds;
    }
    return d;
}

std::size_t rate_limiter::tracked_tenants() const {
    std::size_t total = 0;
    for (std::size_t i = 0; i < config_.shards; ++i) {
        const std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].buckets.size();
    }
    return total;
}

} // namespace ventros::gateway
