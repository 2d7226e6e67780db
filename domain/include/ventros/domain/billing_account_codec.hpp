#pragma once

#include "ventros/domain/billing_account.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of billing account events as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`). Same conventions as
/// company_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.billing.billing_account.created.v1`.
std::string_view event_type(const billing_account_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `billing/billing_account.created.v1.json`.
std::string_view event_schema(const billing_account_event& e) noexcept;

/// True when `type` names a billing account event this build can decode (any known
/// version).
bool is_billing_account_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the account id is included as
/// `billing_account_id`, the owner of a created account as `owner_id`.
std::string encode_json(const billing_account_event& e);

/// Decodes an event body of the given type; upcasts older versions. Returns a reason when
/// the type is unknown or the body does not fit. Never throws.
std::expected<billing_account_event, std::string>
decode_billing_account_event(std::string_view type, std::string_view json);

} // namespace ventros::domain
