#include "ventros/domain/plan.hpp"

namespace ventros::domain {

std::string_view to_string(usage_metric m) noexcept {
    switch (m) {
    case usage_metric::users:
        return "users";
    case usage_metric::messages_per_month:
        return "messages_per_month";
    case usage_metric::channel_instances:
        return "channel_instances";
    case usage_metric::leads:
        return "leads";
    }
    return "unknown";
}

std::optional<std::uint32_t> limit_of(const plan_limits& limits, usage_metric metric) noexcept {
    switch (metric) {
    case usage_metric::users:
        return limits.users;
    case usage_metric::messages_per_month:
        return limits.messages_per_month;
    case usage_metric::channel_instances:
        return limits.channel_instances;
    case usage_metric::leads:
        return limits.leads;
    }
    return std::nullopt;
}

} // namespace ventros::domain
