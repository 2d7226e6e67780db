#include "ventros/domain/usage.hpp"

namespace ventros::domain {

usage_month usage_month::roll_to(std::chrono::year_month next) const noexcept {
    if (next > month) {
        return usage_month{.month = next};
    }
    return *this;
}

std::optional<quota_exceeded> check_quota(const plan_limits& limits, usage_metric metric,
                                          std::uint64_t current, std::uint32_t requested) noexcept {
    const auto limit = limit_of(limits, metric);
    if (!limit) {
        return std::nullopt;
    }
    // current + requested > limit, without forming the sum.
    if (current > *limit || requested > *limit - current) {
        return quota_exceeded{
            .metric = metric, .limit = *limit, .current = current, .requested = requested};
    }
    return std::nullopt;
}

std::chrono::year_month month_of(timestamp t) noexcept {
    const std::chrono::year_month_day date{utc_date(t)};
    return date.year() / date.month();
}

} // namespace ventros::domain
