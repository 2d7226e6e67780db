#pragma once

#include "ventros/domain/lead.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of lead events, as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`).

/// Full CloudEvents type, e.g. `ventros.crm.lead.qualified.v1`.
std::string_view event_type(const lead_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `crm/lead.qualified.v1.json`.
std::string_view event_schema(const lead_event& e) noexcept;

/// True when `type` names a lead event this build can decode (any version).
bool is_lead_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the lead id is included as `lead_id`.
/// Throws nlohmann::json::type_error if a string is not valid UTF-8 (text decoded from
/// JSON always is).
std::string encode_json(const lead_event& e);

/// Decodes an event body of the given type; upcasts older versions.
/// Returns a human-readable reason when the type is unknown or the body does not fit
/// (bad JSON, wrong types, missing or unknown members, unknown codes). Never throws.
std::expected<lead_event, std::string> decode_lead_event(std::string_view type,
                                                         std::string_view json);

} // namespace ventros::domain
