#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/provider_event.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace ventros::commands {

/// A well-formed provider event of a type Ventros does not act on. The gateway answers
/// 200 with status "ignored" (a provider retries anything else) and appends nothing.
struct ignored_payment_event {
    std::string id;   ///< the provider's event id
    std::string type; ///< e.g. "customer.created"
    bool operator==(const ignored_payment_event&) const = default;
};

/// What a payment-event body means: a provider event to apply, or one to ignore.
using payment_event_payload = std::variant<domain::provider_event, ignored_payment_event>;

/// Reads the JSON body of `POST /v1/billing/payment-events` (already authenticated with
/// verify_payment_signature), modelled on Stripe's events:
///
///     {"id": "evt_...", "type": "...", "created": <unix s>, "data": {"object": {...}}}
///
/// - `invoice.payment_succeeded` / `invoice.payment_failed`: the invoice's
///   `subscription` (the Ventros subscription id), `amount_paid` (succeeded) or
///   `amount_due` (failed) in cents, `currency` (3 letters, returned upper case), the
///   period from `lines.data[0].period.{start,end}` when present (the service period the
///   invoice pays for), else `period_start`/`period_end`; failed invoices also need
///   `next_payment_attempt` (null: the provider will not retry, so `final_attempt`).
/// - `customer.subscription.updated`: the subscription's `id` and `cancel_at_period_end`.
/// - `customer.subscription.deleted`: the subscription's `id`.
/// - any other `type` with a valid `id`: ignored_payment_event.
///
/// Members Ventros does not read are allowed (providers add fields freely). Unix times
/// must be integers from 0 to 253402300799 (year 9999). Not JSON → `malformed_json`
/// (400); anything else wrong → `invalid` (422) with one error per field, named by JSON
/// pointer (e.g. "/data/object/amount_paid"). Never throws except std::bad_alloc.
decoded<payment_event_payload> decode_payment_event(std::string_view body);

} // namespace ventros::commands
