// The status a subscription's facts give at a moment (rules in subscription.hpp, `assess`).
#include "ventros/domain/subscription.hpp"

#include <algorithm>

namespace ventros::domain {
namespace {

/// True when a failure mark lies after what is paid: that period is still owed.
bool owed(const std::optional<timestamp>& failure_mark, const std::optional<timestamp>& paid) {
    return failure_mark && (!paid || *failure_mark > *paid);
}

} // namespace

status_verdict assess(const subscription_state& s, timestamp now) noexcept {
    using enum subscription_status;
    if (s.ended_by) {
        return {canceled, *s.ended_by};
    }
    if (s.cancel_at_period_end && now >= s.period.end) {
        return {canceled, status_reason::period_ended};
    }
    if (owed(s.exhausted_through, s.paid_through)) {
        return {unpaid, status_reason::retries_exhausted};
    }
    const timestamp covered =
        s.paid_through ? std::max(s.trial_ends_at, *s.paid_through) : s.trial_ends_at;
    if (now >= covered + payment_grace) {
        return {unpaid, status_reason::grace_expired};
    }
    if (owed(s.failed_through, s.paid_through)) {
        return {past_due, status_reason::payment_failed};
    }
    if (now >= covered) {
        return {past_due,
                s.paid_through ? status_reason::period_ended : status_reason::trial_expired};
    }
    if (s.paid_through) {
        return {active, status_reason::payment_succeeded};
    }
    return {trialing, status_reason::cancellation_revoked};
}

} // namespace ventros::domain
