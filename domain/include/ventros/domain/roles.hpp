#pragma once

#include <optional>
#include <string_view>

namespace ventros::domain {

/// A user's role inside one tenant (DESIGN.md §5).
enum class role { admin, manager, agent, viewer };

std::string_view to_string(role r) noexcept;
std::optional<role> parse_role(std::string_view text) noexcept;

/// True for every role that may change CRM data (all but `viewer`).
bool can_write_crm(role r) noexcept;

/// Whether `r` may change an existing CRM record: admin and manager always, an agent only
/// when the record is theirs (`own`: they created it, own it or are assigned to it),
/// a viewer never.
bool can_change_record(role r, bool own) noexcept;

} // namespace ventros::domain
