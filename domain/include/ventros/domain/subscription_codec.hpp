#pragma once

#include "ventros/domain/subscription.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of subscription events as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`; tenant, actor and time travel
/// in the ce_* headers). Same conventions as company_codec.hpp; topic `billing`. Times are
/// RFC 3339 UTC strings, plans the objects of plan_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.billing.subscription.started.v1`.
std::string_view event_type(const subscription_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `billing/subscription.started.v1.json`.
std::string_view event_schema(const subscription_event& e) noexcept;

/// True when `type` names a subscription event this build can decode (any known version).
bool is_subscription_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the subscription id is `subscription_id`.
std::string encode_json(const subscription_event& e);

/// Decodes an event body of the given type; upcasts older versions. Returns a reason when
/// the type is unknown or the body does not fit. Never throws.
std::expected<subscription_event, std::string> decode_subscription_event(std::string_view type,
                                                                         std::string_view json);

} // namespace ventros::domain
