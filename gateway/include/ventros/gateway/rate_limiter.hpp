#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace ventros::gateway {

/// A tenant's request rate: a token bucket that holds `burst` tokens and refills at
/// `requests_per_minute`. Each request takes one token. Requires requests_per_minute >= 1
/// and 1 <= burst <= 100'000'000.
struct rate_policy {
    std::uint32_t requests_per_minute = 600;
    std::uint32_t burst = 100;

    /// The capacity a plan gets unless it says otherwise: a tenth of a minute's worth
    /// (requests_per_minute / 6), at least 10.
    static constexpr std::uint32_t default_burst(std::uint32_t requests_per_minute) noexcept {
        return std::max<std::uint32_t>(requests_per_minute / 6, 10);
    }

    /// The policy for a plan's `requests_per_minute` with the default burst.
    static constexpr rate_policy per_minute(std::uint32_t requests_per_minute) noexcept {
        return {requests_per_minute, default_burst(requests_per_minute)};
    }

    bool operator==(const rate_policy&) const = default;
};

/// The outcome of one try_acquire: whether the request may proceed, and the figures the
/// RateLimit response headers advertise. Seconds are rounded up, never down.
struct rate_decision {
    bool allowed = false;
    /// The bucket's capacity (the policy's burst).
    std::uint32_t limit = 0;
    /// Whole tokens left after this request.
    std::uint32_t remaining = 0;
    /// Allowed: seconds until the bucket is full again. Refused: seconds until one token.
    std::uint32_t reset_seconds = 0;
    /// Refused: seconds until a retry can succeed (the Retry-After value). Allowed: 0.
    std::uint32_t retry_after_seconds = 0;

    bool operator==(const rate_decision&) const = default;
};

/// Tuning of a rate_limiter.
struct rate_limiter_config {
    /// Independent lock domains; tenants are spread over them by hash. At least 1.
    std::size_t shards = 64;
    /// A bucket untouched this long and full again is forgotten (a fresh bucket is full
    /// too, so forgetting it never grants a token). Each shard sweeps at most once per
    /// `idle_eviction`, so at most the tenants seen in the last two periods stay in memory.
    std::chrono::steady_clock::duration idle_eviction = std::chrono::minutes(10);
};

/// Per-tenant token buckets, in memory (one gateway process; each instance limits alone).
/// Thread-safe: try_acquire may be called from any number of threads; tenants in
/// different shards never contend. Time is passed in, so tests drive it.
class rate_limiter final {
public:
    explicit rate_limiter(rate_limiter_config config = {});
    ~rate_limiter();
    rate_limiter(const rate_limiter&) = delete;
    rate_limiter& operator=(const rate_limiter&) = delete;

    /// Takes one token from `tenant`'s bucket if it holds one. A tenant not seen before
    /// (or evicted) starts with a full bucket. `policy` is the tenant's current policy: a
    /// change (plan upgrade or downgrade) applies from this call on; tokens held carry
    /// over, capped at the new burst. A `now` earlier than the tenant's previous call is
    /// treated as that call's time. Never throws except std::bad_alloc.
    rate_decision try_acquire(std::string_view tenant, const rate_policy& policy,
                              std::chrono::steady_clock::time_point now);

    /// How many tenants currently have a bucket (for metrics and tests).
    std::size_t tracked_tenants() const;

private:
    struct shard;

    rate_limiter_config config_;
    std::unique_ptr<shard[]> shards_;
};

} // namespace ventros::gateway
