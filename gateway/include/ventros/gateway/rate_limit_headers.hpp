#pragma once

#include "ventros/gateway/http_types.hpp"
#include "ventros/gateway/problem.hpp"
#include "ventros/gateway/rate_limiter.hpp"

#include <string>
#include <string_view>

namespace ventros::gateway {

// The response fields of draft-ietf-httpapi-ratelimit-headers-11 (May 2026), §3 and §4:
// Structured Field lists of one item named by the policy, e.g.
//   RateLimit-Policy: "tenant";q=100;w=10
//   RateLimit: "tenant";r=42;t=6

/// The name of the per-tenant policy in the RateLimit fields (the partition is the tenant
/// of the request path).
inline constexpr std::string_view rate_limit_policy_name = "tenant";

/// The RateLimit-Policy value for `policy`: q = the burst, w = the seconds an empty bucket
/// takes to fill (burst / requests_per_minute minutes, rounded up, at least 1), so q/w is
/// the sustained rate and q what can be spent at once.
std::string rate_limit_policy_value(const rate_policy& policy);

/// The RateLimit value for `d`: r = remaining tokens, t = reset_seconds (allowed: until the
/// bucket is full; refused: until one token, equal to Retry-After as §6 asks).
std::string rate_limit_value(const rate_decision& d);

/// Sets RateLimit-Policy and RateLimit on any response (allowed or refused), replacing
/// earlier values, and Retry-After when `d` was refused (an allowed `d` leaves a
/// Retry-After the handler set, e.g. on a 503, alone).
void set_rate_limit_headers(http::fields& fields, const rate_decision& d,
                            const rate_policy& policy);

/// The 429 "rate-limited" problem for a refused `d`, carrying Retry-After, RateLimit-Policy
/// and RateLimit, and `violated-policies: ["tenant"]` in the body (the member the draft's
/// §5.1 defines for quota problems). Requires !d.allowed.
problem rate_limited_problem(const rate_decision& d, const rate_policy& policy);

} // namespace ventros::gateway
