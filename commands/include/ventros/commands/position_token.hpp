#pragma once

#include "ventros/eventlog/record.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ventros::commands {

/// The read-your-writes token a write returns: `<topic>:<partition>:<offset>` of the
/// command's last event, e.g. `ventros.crm:3:1234`. Clients treat it as opaque.
std::string format_position_token(const eventlog::position& p);

/// Parses a token; nullopt when malformed (bad numbers, negative values, missing parts).
std::optional<eventlog::position> parse_position_token(std::string_view token);

} // namespace ventros::commands
