// Subscription decisions (DOMAIN.md "Plans, subscriptions, usage"; issue 5). Checks in this
// order, the first that fails is the answer:
//  1. change_plan, request_cancellation, resume_subscription by a non-admin → not_permitted.
//  2. start_subscription when one exists → already_exists.
//  3. apply_provider_event without a subscription or for another one → unknown_subscription;
//     an event id already applied → no events at all; an invoice event without a period
//     that ends after it starts → incomplete_provider_event.
//  4. Any other command without a subscription → not_found.
//  5. The command's rules, against the status `assess` gives at now (a transition the tick
//     has not recorded yet already counts).
// Every accepted command then settles: a status_changed follows its events when the facts
// and now give a status other than the recorded one.
#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/subscription.hpp"

namespace ventros::domain {
namespace {

using event_list = std::vector<subscription_event>;

std::unexpected<subscription_error> refuse(subscription_error e) {
    return std::unexpected(e);
}

bool admin_only(const subscription_command& command) {
    return std::holds_alternative<change_plan>(command) ||
           std::holds_alternative<request_cancellation>(command) ||
           std::holds_alternative<resume_subscription>(command);
}

bool has_ended(subscription_status s) {
    return s == subscription_status::canceled || s == subscription_status::unpaid;
}

bool is_invoice(provider_event::kind k) {
    return k == provider_event::kind::payment_succeeded ||
           k == provider_event::kind::payment_failed;
}

/// Appends the status change the facts after `emitted` give at `now`, if any.
event_list settle(const subscription_state& state, event_list emitted, timestamp now) {
    subscription_state next = state;
    for (const auto& event : emitted) {
        next = evolve(next, event);
    }
    const auto verdict = assess(next, now);
    if (verdict.status != next.status) {
        // Only a period-end cancellation can be left: ended_by is terminal.
        const bool revived = next.status == subscription_status::canceled;
        emitted.emplace_back(subscription_status_changed{
            .id = next.id,
            .from = next.status,
            .to = verdict.status,
            .reason = revived ? status_reason::cancellation_revoked : verdict.reason});
    }
    return emitted;
}

subscription_event start(const start_subscription& c, timestamp now) {
    return subscription_started{.id = c.id,
                                .chosen = c.chosen,
                                .started_at = now,
                                .trial_ends_at = now + std::chrono::days{c.trial_days}};
}

subscription_decision decide_change(const change_plan& c, const subscription_state& s,
                                    timestamp now) {
    const auto status = assess(s, now).status;
    if (has_ended(status)) {
        return refuse(subscription_error::subscription_ended);
    }
    if (c.to.code == s.current_plan.code) {
        return refuse(subscription_error::same_plan);
    }
    if (c.to.currency != s.current_plan.currency) {
        return refuse(subscription_error::currency_mismatch);
    }
    const std::int64_t proration =
        status == subscription_status::trialing
            ? 0
            : prorate(s.current_plan.price_cents, c.to.price_cents, s.period, now);
    return event_list{subscription_plan_changed{.id = s.id,
                                                .from = s.current_plan,
                                                .to = c.to,
                                                .proration_cents = proration,
                                                .effective_at = now}};
}

subscription_decision decide_cancellation(const request_cancellation& c,
                                          const subscription_state& s, timestamp now) {
    if (has_ended(assess(s, now).status)) {
        return refuse(subscription_error::subscription_ended);
    }
    if (!c.at_period_end) {
        return event_list{
            subscription_status_changed{.id = s.id,
                                        .from = s.status,
                                        .to = subscription_status::canceled,
                                        .reason = status_reason::canceled_by_customer}};
    }
    if (s.cancel_at_period_end) {
        return refuse(subscription_error::already_scheduled);
    }
    return event_list{subscription_cancellation_scheduled{
        .id = s.id, .requested_at = now, .ends_at = s.period.end}};
}

subscription_decision decide_resume(const subscription_state& s, timestamp now) {
    if (has_ended(assess(s, now).status)) {
        return refuse(subscription_error::subscription_ended);
    }
    if (!s.cancel_at_period_end) {
        return refuse(subscription_error::nothing_scheduled);
    }
    return event_list{subscription_cancellation_revoked{.id = s.id, .requested_at = now}};
}

subscription_decision decide_provider_event(const provider_event& e, const subscription_state& s) {
    if (e.subscription != s.id) {
        return refuse(subscription_error::unknown_subscription);
    }
    std::optional<billing_period> period;
    if (e.period_start && e.period_end) {
        period = billing_period{.start = *e.period_start, .end = *e.period_end};
    }
    if (is_invoice(e.what) && (!period || period->end <= period->start)) {
        return refuse(subscription_error::incomplete_provider_event);
    }
    return event_list{
        subscription_payment_recorded{.id = s.id,
                                      .provider_event_id = e.id,
                                      .kind = e.what,
                                      .created = e.created,
                                      .period = period,
                                      .amount_cents = e.amount_cents,
                                      .currency = e.currency,
                                      .final_attempt = e.final_attempt,
                                      .cancel_at_period_end = e.cancel_at_period_end}};
}

subscription_decision decide_existing(const subscription_command& command,
                                      const subscription_state& s, timestamp now) {
    return std::visit(
        overloaded{
            [&](const start_subscription&) -> subscription_decision {
                return refuse(subscription_error::already_exists);
            },
            [&](const change_plan& c) { return decide_change(c, s, now); },
            [&](const request_cancellation& c) { return decide_cancellation(c, s, now); },
            [&](const resume_subscription&) { return decide_resume(s, now); },
            [&](const apply_provider_event& c) { return decide_provider_event(c.event, s); },
            [&](const tick_subscription&) -> subscription_decision { return event_list{}; },
        },
        command);
}

} // namespace

subscription_decision decide(const subscription_command& command,
                             const std::optional<subscription_state>& state,
                             const command_context& context) {
    if (admin_only(command) && context.actor_role != role::admin) {
        return refuse(subscription_error::not_permitted);
    }
    const auto* provider = std::get_if<apply_provider_event>(&command);
    if (!state) {
        if (const auto* create = std::get_if<start_subscription>(&command)) {
            return settle(subscription_state{}, event_list{start(*create, context.now)},
                          context.now);
        }
        return refuse(provider != nullptr ? subscription_error::unknown_subscription
                                          : subscription_error::not_found);
    }
    if (provider != nullptr && provider->event.subscription == state->id &&
        state->applied_provider_events.contains(provider->event.id)) {
        return event_list{};
    }
    auto decision = decide_existing(command, *state, context.now);
    if (!decision) {
        return decision;
    }
    return settle(*state, std::move(*decision), context.now);
}

} // namespace ventros::domain
