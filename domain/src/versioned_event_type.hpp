#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace ventros::domain::detail {

/// One alternative of an event variant: its short name, full CloudEvents type and schema
/// path, all from one row so they cannot drift apart.
struct event_names {
    std::string_view name;   ///< e.g. "stage_moved"
    std::string_view type;   ///< e.g. "ventros.crm.deal.stage_moved.v1"
    std::string_view schema; ///< e.g. "crm/deal.stage_moved.v1.json"
};

/// A CloudEvents type split into the variant alternative it names and its version.
struct versioned_event_type {
    std::size_t index = 0; ///< alternative of the event variant (row of the names table)
    int version = 0;
};

/// Parses `<prefix><name>.v<N>` against a names table in variant order; nullopt for any
/// other text or a version this build does not know (0, leading zero, or above `current`).
std::optional<versioned_event_type> parse_versioned_event_type(std::string_view type,
                                                               std::string_view prefix,
                                                               std::span<const event_names> names,
                                                               int current) noexcept;

} // namespace ventros::domain::detail
