#pragma once

#include "versioned_event_type.hpp"

#include <optional>
#include <string_view>

namespace ventros::domain::detail {

/// Every deal event is at this version; an older body is upcast when decoded.
inline constexpr int current_deal_event_version = 1;

/// Parses `ventros.crm.deal.<name>.v<N>`; `index` is the alternative of `deal_event`.
std::optional<versioned_event_type> parse_deal_event_type(std::string_view type) noexcept;

} // namespace ventros::domain::detail
