#include "billing_account_event_types.hpp"

#include "ventros/domain/billing_account_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `billing_account_event` order.
constexpr std::array<detail::event_names, 4> names{{
    {"created", "ventros.billing.billing_account.created.v1",
     "billing/billing_account.created.v1.json"},
    {"updated", "ventros.billing.billing_account.updated.v1",
     "billing/billing_account.updated.v1.json"},
    {"suspended", "ventros.billing.billing_account.suspended.v1",
     "billing/billing_account.suspended.v1.json"},
    {"reinstated", "ventros.billing.billing_account.reinstated.v1",
     "billing/billing_account.reinstated.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<billing_account_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_billing_account_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.billing.billing_account.", names,
                                      current_billing_account_event_version);
}

std::string_view event_type(const billing_account_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const billing_account_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_billing_account_event_type(std::string_view type) noexcept {
    return detail::parse_billing_account_event_type(type).has_value();
}

} // namespace ventros::domain
