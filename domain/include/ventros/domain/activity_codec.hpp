#pragma once

#include "ventros/domain/activity.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of activity events as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`). Same conventions as
/// deal_codec.hpp; `due_at` is RFC 3339 UTC with milliseconds.

/// Full CloudEvents type, e.g. `ventros.crm.activity.completed.v1`.
std::string_view event_type(const activity_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `crm/activity.completed.v1.json`.
std::string_view event_schema(const activity_event& e) noexcept;

/// True when `type` names an activity event this build can decode (any known version).
bool is_activity_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the activity id is included as `activity_id`.
std::string encode_json(const activity_event& e);

/// Decodes an event body of the given type; upcasts older versions. Returns a reason when
/// the type is unknown or the body does not fit. Never throws.
std::expected<activity_event, std::string> decode_activity_event(std::string_view type,
                                                                 std::string_view json);

} // namespace ventros::domain
