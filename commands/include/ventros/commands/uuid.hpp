#pragma once

#include <string>

namespace ventros::commands {

/// A new RFC 9562 UUIDv7 (48-bit Unix milliseconds, then random bits), lower-case
/// canonical text. Ids made later in the same process sort after earlier ones.
/// Thread-safe.
std::string new_uuid_v7();

} // namespace ventros::commands
