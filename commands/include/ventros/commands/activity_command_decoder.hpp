#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/activity.hpp"

#include <cstddef>
#include <string_view>

namespace ventros::commands {

/// Decoders for the activity endpoints' JSON bodies, as strict as the deal ones: they
/// never throw, refuse unknown fields and null (except where null clears), check types,
/// lengths and formats, and report every problem with its JSON pointer. Rules only the
/// domain can judge (at least one link, linked records that exist) are left to it. UUIDs
/// are lower-cased; `due_at` is RFC 3339 (any offset) and kept in UTC.

inline constexpr std::size_t max_activity_subject = 200;
inline constexpr std::size_t max_activity_text = 2000; ///< description and outcome

/// POST /activities: {kind, subject, description?, due_at?, assignee_id?, lead_id?,
/// deal_id?, contact_id?}. No assignee_id: the actor.
decoded<domain::create_activity> decode_create_activity(std::string_view body,
                                                        domain::activity_id new_id);

/// PATCH /activities/{id}: any of subject, description (null clears), due_at (null
/// clears), assignee_id, lead_id, deal_id, contact_id (null clears a link); at least one.
decoded<domain::update_activity> decode_update_activity(std::string_view body,
                                                        domain::activity_id id);

/// POST /activities/{id}/completion: {outcome}.
decoded<domain::complete_activity> decode_complete_activity(std::string_view body,
                                                            domain::activity_id id);

/// POST /activities/{id}/reopen: empty body or {}.
decoded<domain::reopen_activity> decode_reopen_activity(std::string_view body,
                                                        domain::activity_id id);

} // namespace ventros::commands
