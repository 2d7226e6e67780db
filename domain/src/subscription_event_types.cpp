#include "subscription_event_types.hpp"

#include "ventros/domain/subscription_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `subscription_event` order.
constexpr std::array<detail::event_names, 6> names{{
    {"started", "ventros.billing.subscription.started.v1", "billing/subscription.started.v1.json"},
    {"plan_changed", "ventros.billing.subscription.plan_changed.v1",
     "billing/subscription.plan_changed.v1.json"},
    {"cancellation_scheduled", "ventros.billing.subscription.cancellation_scheduled.v1",
     "billing/subscription.cancellation_scheduled.v1.json"},
    {"cancellation_revoked", "ventros.billing.subscription.cancellation_revoked.v1",
     "billing/subscription.cancellation_revoked.v1.json"},
    {"payment_recorded", "ventros.billing.subscription.payment_recorded.v1",
     "billing/subscription.payment_recorded.v1.json"},
    {"status_changed", "ventros.billing.subscription.status_changed.v1",
     "billing/subscription.status_changed.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<subscription_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_subscription_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.billing.subscription.", names,
                                      current_subscription_event_version);
}

std::string_view event_type(const subscription_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const subscription_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_subscription_event_type(std::string_view type) noexcept {
    return detail::parse_subscription_event_type(type).has_value();
}

} // namespace ventros::domain
