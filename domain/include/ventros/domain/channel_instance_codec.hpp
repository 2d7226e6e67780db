#pragma once

#include "ventros/domain/channel_instance.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of channel instance events as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`). Same conventions as
/// lead_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.crm.channel_instance.registered.v1`.
std::string_view event_type(const channel_instance_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `crm/channel_instance.registered.v1.json`.
std::string_view event_schema(const channel_instance_event& e) noexcept;

/// True when `type` names a channel instance event this build can decode (any known version).
bool is_channel_instance_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the channel instance id is included as
/// `channel_instance_id`.
std::string encode_json(const channel_instance_event& e);

/// Decodes an event body of the given type; upcasts older versions. Returns a reason when
/// the type is unknown or the body does not fit. Never throws.
std::expected<channel_instance_event, std::string>
decode_channel_instance_event(std::string_view type, std::string_view json);

} // namespace ventros::domain
