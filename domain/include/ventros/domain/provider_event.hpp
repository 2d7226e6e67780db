#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ventros::domain {

/// What Ventros understands of one payment-provider event (modelled on Stripe's
/// `invoice.payment_succeeded`, `invoice.payment_failed`,
/// `customer.subscription.updated` and `customer.subscription.deleted`), already
/// authenticated and parsed by the gateway.
struct provider_event {
    enum class kind {
        payment_succeeded,
        payment_failed,
        subscription_updated,
        subscription_deleted
    };
    std::string id; ///< the provider's event id ("evt_..."): applied once
    kind what = kind::payment_succeeded;
    timestamp created{};          ///< when the provider created the event
    subscription_id subscription; ///< the Ventros subscription the event is about
    /// Invoice events: the billing period the invoice pays for.
    std::optional<timestamp> period_start;
    std::optional<timestamp> period_end;
    std::int64_t amount_cents = 0; ///< invoice events: amount paid or due
    std::string currency = "BRL";
    /// payment_failed: the provider will not retry again (retries exhausted).
    bool final_attempt = false;
    /// subscription_updated: the provider's view of cancel_at_period_end.
    std::optional<bool> cancel_at_period_end;
    bool operator==(const provider_event&) const = default;
};

} // namespace ventros::domain
