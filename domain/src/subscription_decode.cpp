#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "plan_reader.hpp"
#include "subscription_event_types.hpp"
#include "ventros/domain/deal.hpp"
#include "ventros/domain/subscription_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every subscription event is still at v1: there is nothing to upcast yet.

timestamp read_time(json_reader& in, std::string_view key) {
    const auto text = in.text(key);
    if (text.empty()) {
        return {};
    }
    const auto at = parse_rfc3339(text);
    if (!at) {
        in.fail(key, "must be an RFC 3339 time");
    }
    return at.value_or(timestamp{});
}

std::optional<timestamp> read_optional_time(json_reader& in, std::string_view key) {
    const auto text = in.optional_text(key);
    if (!text) {
        return std::nullopt;
    }
    const auto at = parse_rfc3339(*text);
    if (!at) {
        in.fail(key, "must be an RFC 3339 time");
    }
    return at;
}

subscription_id read_id(json_reader& in) {
    return subscription_id{in.text("subscription_id")};
}

subscription_event read_started(json_reader& in) {
    return subscription_started{.id = read_id(in),
                                .chosen = detail::read_plan(in, "plan"),
                                .started_at = read_time(in, "started_at"),
                                .trial_ends_at = read_time(in, "trial_ends_at")};
}

subscription_event read_plan_changed(json_reader& in) {
    return subscription_plan_changed{.id = read_id(in),
                                     .from = detail::read_plan(in, "from"),
                                     .to = detail::read_plan(in, "to"),
                                     .proration_cents = in.signed_amount("proration_cents"),
                                     .effective_at = read_time(in, "effective_at")};
}

subscription_event read_cancellation_scheduled(json_reader& in) {
    return subscription_cancellation_scheduled{.id = read_id(in),
                                               .requested_at = read_time(in, "requested_at"),
                                               .ends_at = read_time(in, "ends_at")};
}

subscription_event read_cancellation_revoked(json_reader& in) {
    return subscription_cancellation_revoked{.id = read_id(in),
                                             .requested_at = read_time(in, "requested_at")};
}

/// A period is both bounds or neither, and ends after it starts.
std::optional<billing_period> read_period(json_reader& in) {
    const auto start = read_optional_time(in, "period_start");
    const auto end = read_optional_time(in, "period_end");
    if (start.has_value() != end.has_value()) {
        in.fail(start ? "period_end" : "period_start", "is required with the other bound");
        return std::nullopt;
    }
    if (!start) {
        return std::nullopt;
    }
    if (*end <= *start) {
        in.fail("period_end", "must be after period_start");
    }
    return billing_period{.start = *start, .end = *end};
}

subscription_event read_payment_recorded(json_reader& in) {
    subscription_payment_recorded e{
        .id = read_id(in),
        .provider_event_id = in.text("provider_event_id"),
        .kind = in.code("kind", parse_provider_event_kind),
        .created = read_time(in, "created"),
        .period = read_period(in),
        .amount_cents = in.signed_amount("amount_cents"),
        .currency = in.text("currency"),
        .final_attempt = in.flag("final_attempt"),
        .cancel_at_period_end = in.optional_flag("cancel_at_period_end"),
    };
    if (!e.currency.empty() && !is_iso4217(e.currency)) {
        in.fail("currency", "must be an ISO 4217 code");
    }
    return e;
}

subscription_event read_status_changed(json_reader& in) {
    return subscription_status_changed{.id = read_id(in),
                                       .from = in.code("from", parse_subscription_status),
                                       .to = in.code("to", parse_subscription_status),
                                       .reason = in.code("reason", parse_status_reason)};
}

// In `subscription_event` order, like the type table.
constexpr std::array<subscription_event (*)(json_reader&), 6> readers{read_started,
                                                                      read_plan_changed,
                                                                      read_cancellation_scheduled,
                                                                      read_cancellation_revoked,
                                                                      read_payment_recorded,
                                                                      read_status_changed};

} // namespace

std::expected<subscription_event, std::string>
decode_subscription_event(std::string_view type, std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_subscription_event_type,
                                    readers);
}

} // namespace ventros::domain
