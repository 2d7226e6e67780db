#pragma once

#include "versioned_event_type.hpp"

#include <optional>
#include <string_view>

namespace ventros::domain::detail {

/// Every activity event is at this version; an older body is upcast when decoded.
inline constexpr int current_activity_event_version = 1;

/// Parses `ventros.crm.activity.<name>.v<N>`; `index` is the alternative of `activity_event`.
std::optional<versioned_event_type> parse_activity_event_type(std::string_view type) noexcept;

} // namespace ventros::domain::detail
