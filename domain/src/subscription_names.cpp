#include "enum_names.hpp"
#include "ventros/domain/subscription.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<subscription_status, 5> status_names{{
    {subscription_status::trialing, "trialing"},
    {subscription_status::active, "active"},
    {subscription_status::past_due, "past_due"},
    {subscription_status::canceled, "canceled"},
    {subscription_status::unpaid, "unpaid"},
}};

constexpr detail::name_table<status_reason, 9> reason_names{{
    {status_reason::trial_expired, "trial-expired"},
    {status_reason::payment_succeeded, "payment-succeeded"},
    {status_reason::payment_failed, "payment-failed"},
    {status_reason::retries_exhausted, "retries-exhausted"},
    {status_reason::period_ended, "period-ended"},
    {status_reason::canceled_by_customer, "canceled-by-customer"},
    {status_reason::provider_deleted, "provider-deleted"},
    {status_reason::grace_expired, "grace-expired"},
    {status_reason::cancellation_revoked, "cancellation-revoked"},
}};

constexpr detail::name_table<provider_event::kind, 4> kind_names{{
    {provider_event::kind::payment_succeeded, "payment_succeeded"},
    {provider_event::kind::payment_failed, "payment_failed"},
    {provider_event::kind::subscription_updated, "subscription_updated"},
    {provider_event::kind::subscription_deleted, "subscription_deleted"},
}};

constexpr detail::name_table<subscription_error, 10> error_names{{
    {subscription_error::not_found, "subscription-not-found"},
    {subscription_error::already_exists, "subscription-already-exists"},
    {subscription_error::not_permitted, "not-permitted"},
    {subscription_error::same_plan, "same-plan"},
    {subscription_error::currency_mismatch, "plan-currency-mismatch"},
    {subscription_error::subscription_ended, "subscription-ended"},
    {subscription_error::already_scheduled, "cancellation-already-scheduled"},
    {subscription_error::nothing_scheduled, "nothing-scheduled"},
    {subscription_error::unknown_subscription, "unknown-subscription"},
    {subscription_error::incomplete_provider_event, "provider-event-incomplete"},
}};

} // namespace

std::string_view to_string(subscription_status s) noexcept {
    return detail::name_of(status_names, s);
}

std::optional<subscription_status> parse_subscription_status(std::string_view text) noexcept {
    return detail::value_of(status_names, text);
}

std::string_view to_string(status_reason r) noexcept {
    return detail::name_of(reason_names, r);
}

std::optional<status_reason> parse_status_reason(std::string_view text) noexcept {
    return detail::value_of(reason_names, text);
}

std::string_view to_string(provider_event::kind k) noexcept {
    return detail::name_of(kind_names, k);
}

std::optional<provider_event::kind> parse_provider_event_kind(std::string_view text) noexcept {
    return detail::value_of(kind_names, text);
}

std::string_view to_string(subscription_error e) noexcept {
    return detail::name_of(error_names, e);
}

} // namespace ventros::domain
