#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::commands {

/// A new RFC 9562 UUIDv7 (48-bit Unix milliseconds, then random bits), lower-case
/// canonical text. Ids made later in the same process sort after earlier ones.
/// Thread-safe.
std::string new_uuid_v7();

/// A UUID's 16 bytes, most significant first.
using uuid_bytes = std::array<std::uint8_t, 16>;

/// Canonical lower-case text (8-4-4-4-12 hex digits) of a UUID.
std::string format_uuid(const uuid_bytes& bytes);

/// The bytes of canonical lower-case UUID text; nullopt for anything else, upper case
/// included, so that `format_uuid` of the result gives back exactly `text`.
std::optional<uuid_bytes> parse_lower_uuid(std::string_view text) noexcept;

} // namespace ventros::commands
