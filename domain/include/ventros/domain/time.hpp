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

/// The UTC calendar date of an instant.
std::chrono::sys_days utc_date(timestamp t);

/// A date as `YYYY-MM-DD`.
std::string format_date(std::chrono::sys_days date);

/// Parses a calendar date written exactly `YYYY-MM-DD`; nullopt when malformed or not a
/// real date (e.g. 2026-02-29).
std::optional<std::chrono::sys_days> parse_date(std::string_view text);

} // namespace ventros::domain
