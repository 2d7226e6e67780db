#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Wall-clock instants at millisecond precision, UTC. Time enters the domain only
/// through commands; nothing in `domain` reads a clock.
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// RFC 3339 UTC with milliseconds, e.g. `2026-11-22T10:15:30.123Z`.
std::string format_rfc3339(timestamp t);

/// Parses RFC 3339 (`Z` or `±hh:mm` offset, optional fraction); nullopt when malformed.
std::optional<timestamp> parse_rfc3339(std::string_view text);

} // namespace ventros::domain
