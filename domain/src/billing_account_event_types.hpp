#pragma once

#include "versioned_event_type.hpp"

#include <optional>
#include <string_view>

namespace ventros::domain::detail {

/// Every billing account event is at this version; an older body is upcast when decoded.
inline constexpr int current_billing_account_event_version = 1;

/// Parses `ventros.billing.billing_account.<name>.v<N>`; `index` is the alternative of
/// `billing_account_event`.
std::optional<versioned_event_type>
parse_billing_account_event_type(std::string_view type) noexcept;

} // namespace ventros::domain::detail
