#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ventros::domain::detail {

/// Every lead event is at this version; an older body is upcast when decoded.
inline constexpr int current_lead_event_version = 1;

/// A CloudEvents type split into the lead_event alternative it names and its version.
struct lead_event_type {
    std::size_t index = 0; ///< alternative of `lead_event`
    int version = 0;
};

/// Parses `ventros.crm.lead.<name>.v<N>`; nullopt for any other text or a version this
/// build does not know (0, or newer than the current one).
std::optional<lead_event_type> parse_lead_event_type(std::string_view type) noexcept;

} // namespace ventros::domain::detail
