#pragma once

#include "versioned_event_type.hpp"

#include <optional>
#include <string_view>

namespace ventros::domain::detail {

/// Every conversation event is at this version; an older body is upcast when decoded.
inline constexpr int current_conversation_event_version = 1;

/// Parses `ventros.crm.conversation.<name>.v<N>`; `index` is the alternative of
/// `conversation_event`.
std::optional<versioned_event_type> parse_conversation_event_type(std::string_view type) noexcept;

} // namespace ventros::domain::detail
