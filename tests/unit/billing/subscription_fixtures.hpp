#pragma once

// Shared figures of the billing tests: the seed plans, a trial that starts on
// 2026-11-01T12:00Z (ends 11-15), monthly periods after it, and provider event builders.
#include "ventros/domain/subscription.hpp"

#include <doctest/doctest.h>
#include <string_view>

namespace billing_test {

using namespace ventros::domain;

/// An instant written in RFC 3339 (a typo throws: it also initializes the globals below,
/// before any test runs).
inline timestamp at(std::string_view rfc3339) {
    return parse_rfc3339(rfc3339).value();
}

inline const subscription_id sub{"0193a1c2-5d7e-7f80-9a1b-0000000000f1"};
inline const timestamp started = at("2026-11-01T12:00:00Z");
inline const timestamp trial_end = at("2026-11-15T12:00:00Z");
inline const billing_period p1{.start = trial_end, .end = at("2026-12-15T12:00:00Z")};
inline const billing_period p2{.start = p1.end, .end = at("2027-01-15T12:00:00Z")};

inline plan starter() {
    return {.code = "starter",
            .name = "Starter",
            .price_cents = 29'900,
            .limits = {.users = 5, .messages_per_month = 1'000, .channel_instances = 1}};
}

inline plan growth() {
    return {.code = "growth",
            .name = "Growth",
            .price_cents = 79'900,
            .limits = {.users = 15, .messages_per_month = 5'000, .channel_instances = 3}};
}

inline plan enterprise() {
    return {.code = "enterprise", .name = "Enterprise", .price_cents = 249'900};
}

inline command_context as(role r, timestamp now) {
    return {.tenant = tenant_id{"acme"}, .actor = user_id{"u-1"}, .actor_role = r, .now = now};
}

/// System commands (provider events, ticks) come with whatever role; a viewer shows that
/// no role is required.
inline command_context system_at(timestamp now) {
    return as(role::viewer, now);
}

inline provider_event invoice(std::string id, provider_event::kind what, timestamp created,
                              const billing_period& period) {
    return {.id = std::move(id),
            .what = what,
            .created = created,
            .subscription = sub,
            .period_start = period.start,
            .period_end = period.end,
            .amount_cents = 29'900};
}

inline provider_event paid(std::string id, timestamp created, const billing_period& period) {
    return invoice(std::move(id), provider_event::kind::payment_succeeded, created, period);
}

inline provider_event failed(std::string id, timestamp created, const billing_period& period,
                             bool final_attempt = false) {
    auto e = invoice(std::move(id), provider_event::kind::payment_failed, created, period);
    e.final_attempt = final_attempt;
    return e;
}

inline provider_event updated(std::string id, timestamp created, bool cancel_at_period_end) {
    return {.id = std::move(id),
            .what = provider_event::kind::subscription_updated,
            .created = created,
            .subscription = sub,
            .cancel_at_period_end = cancel_at_period_end};
}

inline provider_event deleted(std::string id, timestamp created) {
    return {.id = std::move(id),
            .what = provider_event::kind::subscription_deleted,
            .created = created,
            .subscription = sub};
}

/// A subscription driven like its writer drives it: decide, then evolve every event.
class subscription_run {
public:
    subscription_decision run(const subscription_command& command, const command_context& context) {
        auto decision = decide(command, state_, context);
        if (decision) {
            for (const auto& event : *decision) {
                state_ = evolve(state_, event);
                events_.push_back(event);
            }
        }
        return decision;
    }

    /// Runs a command that must be accepted; its events.
    std::vector<subscription_event> accept(const subscription_command& command,
                                           const command_context& context) {
        auto decision = run(command, context);
        REQUIRE_MESSAGE(decision.has_value(), "refused: " << to_string(decision.error()));
        return *decision;
    }

    /// A trial of `starter` started at `started`.
    static subscription_run trial() {
        subscription_run r;
        r.accept(start_subscription{.id = sub, .chosen = starter()}, as(role::admin, started));
        return r;
    }

    /// A trial whose first period p1 is paid (active).
    static subscription_run paying() {
        auto r = trial();
        r.accept(apply_provider_event{paid("evt_p1", trial_end, p1)}, system_at(trial_end));
        return r;
    }

    const subscription_state& state() const { return *state_; }
    const std::optional<subscription_state>& maybe_state() const { return state_; }
    const std::vector<subscription_event>& events() const { return events_; }

private:
    std::optional<subscription_state> state_;
    std::vector<subscription_event> events_;
};

inline subscription_event status_change(subscription_status from, subscription_status to,
                                        status_reason reason) {
    return subscription_status_changed{.id = sub, .from = from, .to = to, .reason = reason};
}

} // namespace billing_test
