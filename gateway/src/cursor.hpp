#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ventros::gateway {

/// Opaque pagination cursors: base64url of "<kind>:<value>", so clients cannot build
/// them by hand and a cursor from one list is refused by another.
std::string encode_cursor(std::string_view kind, std::string_view value);

/// The value inside a cursor of this kind; nullopt when it is not one.
std::optional<std::string> decode_cursor(std::string_view kind, std::string_view cursor);

} // namespace ventros::gateway
