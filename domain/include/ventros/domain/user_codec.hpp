#pragma once

#include "ventros/domain/user.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of user events on the `identity` topic. Same
/// conventions as lead_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.identity.user.registered.v1`.
std::string_view event_type(const user_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `identity/user.registered.v1.json`.
std::string_view event_schema(const user_event& e) noexcept;

/// True when `type` names a user event this build can decode (any known version).
bool is_user_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON.
std::string encode_json(const user_event& e);

/// Decodes an event body of the given type. Returns a reason when the type is unknown or
/// the body does not fit. Never throws.
std::expected<user_event, std::string> decode_user_event(std::string_view type,
                                                         std::string_view json);

} // namespace ventros::domain
