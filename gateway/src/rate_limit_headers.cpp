#include "ventros/gateway/rate_limit_headers.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>

namespace ventros::gateway {
namespace {

constexpr std::string_view policy_field = "RateLimit-Policy";
constexpr std::string_view limit_field = "RateLimit";
constexpr std::string_view retry_after_field = "Retry-After";

std::string quoted_policy_name() {
    return '"' + std::string(rate_limit_policy_name) + '"';
}

std::uint64_t fill_seconds(const rate_policy& policy) {
    const std::uint64_t burst_seconds = std::uint64_t{policy.burst} * 60;
    const std::uint64_t rate = std::max<std::uint32_t>(policy.requests_per_minute, 1);
    return std::max<std::uint64_t>((burst_seconds + rate - 1) / rate, 1);
}

} // namespace

std::string rate_limit_policy_value(const rate_policy& policy) {
    return quoted_policy_name() + ";q=" + std::to_string(policy.burst) +
           ";w=" + std::to_string(fill_seconds(policy));
}

std::string rate_limit_value(const rate_decision& d) {
    return quoted_policy_name() + ";r=" + std::to_string(d.remaining) +
           ";t=" + std::to_string(d.reset_seconds);
}

void set_rate_limit_headers(http::fields& fields, const rate_decision& d,
                            const rate_policy& policy) {
    fields.set(policy_field, rate_limit_policy_value(policy));
    fields.set(limit_field, rate_limit_value(d));
    if (!d.allowed) {
        fields.set(retry_after_field, std::to_string(d.retry_after_seconds));
    }
}

problem rate_limited_problem(const rate_decision& d, const rate_policy& policy) {
    assert(!d.allowed);
    auto p = problems::rate_limited(std::chrono::seconds(d.retry_after_seconds));
    p.headers.emplace_back(policy_field, rate_limit_policy_value(policy));
    p.headers.emplace_back(limit_field, rate_limit_value(d));
    p.extensions["violated-policies"] =
        nlohmann::json::array({std::string(rate_limit_policy_name)});
    return p;
}

} // namespace ventros::gateway
