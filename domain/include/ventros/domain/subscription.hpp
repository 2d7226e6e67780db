#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/plan.hpp"
#include "ventros/domain/provider_event.hpp"
#include "ventros/domain/time.hpp"

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

// A tenant's subscription (DOMAIN.md "Plans, subscriptions, usage"). One per tenant: the
// tenant's writer owns it under the tenant id.

/// Lifecycle states, mirroring the payment provider's.
enum class subscription_status { trialing, active, past_due, canceled, unpaid };
std::string_view to_string(subscription_status s) noexcept; ///< "trialing", "past_due", ...
std::optional<subscription_status> parse_subscription_status(std::string_view text) noexcept;

/// Why a status changed; stable slugs ("trial-expired", "payment-succeeded", ...).
enum class status_reason {
    trial_expired,        ///< the trial ended with nothing paid → past_due
    payment_succeeded,    ///< a paid period covers now → active
    payment_failed,       ///< an unpaid period's payment failed → past_due
    retries_exhausted,    ///< the provider's final attempt for an unpaid period failed → unpaid
    period_ended,         ///< a paid period ended: with a scheduled cancellation → canceled,
                          ///< without a renewal payment → past_due
    canceled_by_customer, ///< an admin canceled now → canceled
    provider_deleted,     ///< the provider deleted the subscription → canceled
    grace_expired,        ///< past_due for longer than `payment_grace` → unpaid
    cancellation_revoked, ///< the facts no longer end a subscription canceled at its period
                          ///< end (a newer snapshot revoked the cancellation, or a later
                          ///< period was billed) → whatever status they give
};
std::string_view to_string(status_reason r) noexcept;
std::optional<status_reason> parse_status_reason(std::string_view text) noexcept;

/// Stable names of provider event kinds in event bodies: "payment_succeeded",
/// "payment_failed", "subscription_updated", "subscription_deleted".
std::string_view to_string(provider_event::kind k) noexcept;
std::optional<provider_event::kind> parse_provider_event_kind(std::string_view text) noexcept;

/// Default trial length of a new subscription.
inline constexpr std::uint32_t default_trial_days = 14;

/// How long a subscription stays past_due before it becomes unpaid.
inline constexpr std::chrono::days payment_grace{7};

/// A billing period, [start, end).
struct billing_period {
    timestamp start{};
    timestamp end{};
    bool operator==(const billing_period&) const = default;
};

// ---- events -------------------------------------------------------------------------

/// A trial began: the period is [started_at, trial_ends_at).
struct subscription_started {
    subscription_id id;
    plan chosen;
    timestamp started_at{};
    timestamp trial_ends_at{};
    bool operator==(const subscription_started&) const = default;
};

/// The plan changed now. `proration_cents` > 0 is a charge, < 0 a credit: (to − from
/// monthly price) × the remaining fraction of the current period, rounded toward zero (the
/// customer is never charged or credited more than the exact figure); 0 during a trial.
struct subscription_plan_changed {
    subscription_id id;
    plan from;
    plan to;
    std::int64_t proration_cents = 0;
    timestamp effective_at{};
    bool operator==(const subscription_plan_changed&) const = default;
};

/// An admin asked to end the subscription when the current period ends.
struct subscription_cancellation_scheduled {
    subscription_id id;
    timestamp requested_at{};
    timestamp ends_at{}; ///< the end of the current period
    bool operator==(const subscription_cancellation_scheduled&) const = default;
};

/// An admin revoked a scheduled cancellation.
struct subscription_cancellation_revoked {
    subscription_id id;
    timestamp requested_at{};
    bool operator==(const subscription_cancellation_revoked&) const = default;
};

/// A provider event was applied: everything of it the state is derived from.
struct subscription_payment_recorded {
    subscription_id id;
    std::string provider_event_id;
    provider_event::kind kind = provider_event::kind::payment_succeeded;
    timestamp created{};
    std::optional<billing_period> period; ///< invoice events
    std::int64_t amount_cents = 0;
    std::string currency = "BRL";
    bool final_attempt = false;
    std::optional<bool> cancel_at_period_end; ///< subscription_updated snapshots
    bool operator==(const subscription_payment_recorded&) const = default;
};

struct subscription_status_changed {
    subscription_id id;
    subscription_status from = subscription_status::trialing;
    subscription_status to = subscription_status::active;
    status_reason reason = status_reason::payment_succeeded;
    bool operator==(const subscription_status_changed&) const = default;
};

using subscription_event =
    std::variant<subscription_started, subscription_plan_changed,
                 subscription_cancellation_scheduled, subscription_cancellation_revoked,
                 subscription_payment_recorded, subscription_status_changed>;

const subscription_id& subject_of(const subscription_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// Which fact last set `cancel_at_period_end`: a provider snapshot (its created time and
/// event id) or an admin's command (its time, empty id). A snapshot applies only when it is
/// newer, (created, id) compared in that order, so arrival order does not matter.
struct cancel_flag_source {
    timestamp at{};
    std::string provider_event_id;
    auto operator<=>(const cancel_flag_source&) const = default;
};

/// What the write side keeps per subscription. Every fact is merged so that the same set of
/// provider events gives the same facts in any order, with any repetition:
///  - `paid_through` = max period end of succeeded payments;
///  - `failed_through` / `exhausted_through` = max period end of failed / finally failed
///    payments (a failure counts only while it ends after `paid_through`);
///  - `period` = the period with the greatest (end, start) among the trial and invoices;
///  - `cancel_at_period_end` = the value of the newest flag source (see above);
///  - `ended_by` = provider_deleted once the provider deleted it, canceled_by_customer once
///    an admin canceled now (provider_deleted wins): terminal whatever comes after.
/// `status` is what the last decision derived from these facts and its time (`assess`).
struct subscription_state {
    subscription_id id;
    plan current_plan;
    subscription_status status = subscription_status::trialing;
    timestamp trial_ends_at{};
    billing_period period;
    std::optional<timestamp> paid_through;
    std::optional<timestamp> failed_through;
    std::optional<timestamp> exhausted_through;
    bool cancel_at_period_end = false;
    std::optional<cancel_flag_source> cancel_flag_set_by;
    std::optional<status_reason> ended_by;
    std::set<std::string> applied_provider_events;
    std::uint32_t version = 0;
    bool operator==(const subscription_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `subscription_started`.
subscription_state evolve(const std::optional<subscription_state>& state,
                          const subscription_event& event);

/// The status the facts give at `now`, and the rule that gives it. First match wins:
///  1. ended_by → canceled (that reason);
///  2. cancel_at_period_end and now ≥ period end → canceled (period-ended);
///  3. a final failure after paid_through → unpaid (retries-exhausted);
///  4. now ≥ covered + payment_grace → unpaid (grace-expired), where covered =
///     max(trial_ends_at, paid_through);
///  5. a failure after paid_through → past_due (payment-failed);
///  6. now ≥ covered → past_due (period-ended when something was paid, else trial-expired);
///  7. something paid → active (payment-succeeded); otherwise trialing.
/// Leaving canceled (only rule 2 can be undone) is reported by `decide` as
/// cancellation-revoked. Hence, for a fixed starting state, the state after
/// a set of provider events is a function of that set and of the last command's `now`
/// alone: not of their order or repetitions (only `version` counts the status changes on
/// the way).
struct status_verdict {
    subscription_status status = subscription_status::trialing;
    status_reason reason = status_reason::payment_succeeded;
    bool operator==(const status_verdict&) const = default;
};
status_verdict assess(const subscription_state& state, timestamp now) noexcept;

/// The proration of a plan change at `now`: (to − from) × the fraction of `period` left,
/// in integer arithmetic rounded toward zero; 0 when the period is over or empty, the whole
/// difference before it starts. Positive = a charge, negative = a credit. No overflow.
std::int64_t prorate(std::int64_t from_cents, std::int64_t to_cents, const billing_period& period,
                     timestamp now) noexcept;

// ---- commands -----------------------------------------------------------------------

/// Starts the trial (issued when a project is created; a system command: any role).
struct start_subscription {
    subscription_id id;
    plan chosen;
    std::uint32_t trial_days = default_trial_days;
};

/// Admin only. Takes effect now with proration recorded as data.
struct change_plan {
    plan to;
};

/// Admin only. at_period_end: schedule the end for the current period's end; otherwise
/// cancel now.
struct request_cancellation {
    bool at_period_end = true;
};

/// Admin only. Revokes a scheduled cancellation.
struct resume_subscription {};

/// A system command: the gateway has authenticated and parsed the provider's event.
struct apply_provider_event {
    provider_event event;
};

/// A system command: makes the time-driven transitions due at `context.now`.
struct tick_subscription {};

using subscription_command =
    std::variant<start_subscription, change_plan, request_cancellation, resume_subscription,
                 apply_provider_event, tick_subscription>;

// ---- decisions ----------------------------------------------------------------------

enum class subscription_error {
    not_found,                 ///< no subscription yet → 404
    already_exists,            ///< start when one exists → 409
    not_permitted,             ///< plan change, cancellation or resume by a non-admin → 403
    same_plan,                 ///< change to the plan in force (same code) → 409
    currency_mismatch,         ///< change to a plan priced in another currency → 422
    subscription_ended,        ///< change, cancel or resume when canceled or unpaid → 409
    already_scheduled,         ///< scheduling a cancellation already scheduled → 409
    nothing_scheduled,         ///< resume without a scheduled cancellation → 409
    unknown_subscription,      ///< a provider event for another (or no) subscription → 422
    incomplete_provider_event, ///< an invoice event without a valid period (end > start) → 422
};

/// Stable slug: "subscription-not-found", "subscription-already-exists", "not-permitted",
/// "same-plan", "plan-currency-mismatch", "subscription-ended",
/// "cancellation-already-scheduled", "nothing-scheduled", "unknown-subscription",
/// "provider-event-incomplete".
std::string_view to_string(subscription_error e) noexcept;

using subscription_decision = std::expected<std::vector<subscription_event>, subscription_error>;

/// Decides a command against the tenant's subscription (nullopt: none yet). Pure; time is
/// `context.now`. Checks in order: role (admin-only commands), existence, the provider
/// event's subscription, duplicates (an applied provider event id → an EMPTY list, not an
/// error), then the command's own rules (statuses as `assess` gives them at now). Every
/// accepted command ends with a status_changed when its facts and now give a new status,
/// so a command may emit several events (e.g. payment_recorded then status_changed).
subscription_decision decide(const subscription_command& command,
                             const std::optional<subscription_state>& state,
                             const command_context& context);

/// Folds events from nothing; used by tests and replay.
std::optional<subscription_state> fold(const std::vector<subscription_event>& events);

} // namespace ventros::domain
