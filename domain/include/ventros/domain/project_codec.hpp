#pragma once

#include "ventros/domain/project.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of project events on the `identity` topic. Same
/// conventions as lead_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.identity.project.created.v1`.
std::string_view event_type(const project_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `identity/project.created.v1.json`.
std::string_view event_schema(const project_event& e) noexcept;

/// True when `type` names a project event this build can decode (any known version).
bool is_project_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON.
std::string encode_json(const project_event& e);

/// Decodes an event body of the given type. Returns a reason when the type is unknown or
/// the body does not fit. Never throws.
std::expected<project_event, std::string> decode_project_event(std::string_view type,
                                                               std::string_view json);

} // namespace ventros::domain
