// Subscription evolution: every provider fact is merged with max / newest-wins / OR, so the
// facts do not depend on the order events arrive in (see subscription_state).
#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/subscription.hpp"

#include <algorithm>
#include <tuple>

namespace ventros::domain {
namespace {

void raise_to(std::optional<timestamp>& mark, timestamp candidate) {
    mark = mark ? std::max(*mark, candidate) : candidate;
}

/// The later of two periods by (end, start): the one the subscription is in.
billing_period later_period(const billing_period& a, const billing_period& b) {
    return std::tie(a.end, a.start) < std::tie(b.end, b.start) ? b : a;
}

/// A provider snapshot sets the flag only when it is newer than what set it last.
void apply_snapshot(subscription_state& s, bool value, cancel_flag_source source) {
    if (!s.cancel_flag_set_by || *s.cancel_flag_set_by < source) {
        s.cancel_at_period_end = value;
        s.cancel_flag_set_by = std::move(source);
    }
}

/// An admin's command was decided against the current flag: it always applies, and only
/// snapshots newer than both it and the previous source can override it.
void apply_command(subscription_state& s, bool value, timestamp at) {
    s.cancel_at_period_end = value;
    const cancel_flag_source source{.at = at};
    if (!s.cancel_flag_set_by || *s.cancel_flag_set_by < source) {
        s.cancel_flag_set_by = source;
    }
}

void record(subscription_state& s, const subscription_payment_recorded& e) {
    s.applied_provider_events.insert(e.provider_event_id);
    if (e.period) {
        s.period = later_period(s.period, *e.period);
    }
    switch (e.kind) {
    case provider_event::kind::payment_succeeded:
        if (e.period) {
            raise_to(s.paid_through, e.period->end);
        }
        break;
    case provider_event::kind::payment_failed:
        if (e.period) {
            raise_to(s.failed_through, e.period->end);
            if (e.final_attempt) {
                raise_to(s.exhausted_through, e.period->end);
            }
        }
        break;
    case provider_event::kind::subscription_updated:
        if (e.cancel_at_period_end) {
            apply_snapshot(s, *e.cancel_at_period_end,
                           {.at = e.created, .provider_event_id = e.provider_event_id});
        }
        break;
    case provider_event::kind::subscription_deleted:
        s.ended_by = status_reason::provider_deleted;
        break;
    }
}

} // namespace

const subscription_id& subject_of(const subscription_event& e) noexcept {
    return std::visit([](const auto& event) -> const subscription_id& { return event.id; }, e);
}

subscription_state evolve(const std::optional<subscription_state>& state,
                          const subscription_event& event) {
    subscription_state next = state.value_or(subscription_state{});
    std::visit(overloaded{
                   [&](const subscription_started& e) {
                       next = {.id = e.id,
                               .current_plan = e.chosen,
                               .status = subscription_status::trialing,
                               .trial_ends_at = e.trial_ends_at,
                               .period = {.start = e.started_at, .end = e.trial_ends_at}};
                   },
                   [&](const subscription_plan_changed& e) { next.current_plan = e.to; },
                   [&](const subscription_cancellation_scheduled& e) {
                       apply_command(next, true, e.requested_at);
                   },
                   [&](const subscription_cancellation_revoked& e) {
                       apply_command(next, false, e.requested_at);
                   },
                   [&](const subscription_payment_recorded& e) { record(next, e); },
                   [&](const subscription_status_changed& e) {
                       next.status = e.to;
                       if (e.reason == status_reason::canceled_by_customer && !next.ended_by) {
                           next.ended_by = e.reason;
                       }
                   },
               },
               event);
    ++next.version;
    return next;
}

std::optional<subscription_state> fold(const std::vector<subscription_event>& events) {
    std::optional<subscription_state> state;
    for (const auto& event : events) {
        state = evolve(state, event);
    }
    return state;
}

} // namespace ventros::domain
