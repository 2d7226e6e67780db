#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/time.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

enum class activity_kind { call, email, meeting, task, note };
std::string_view to_string(activity_kind k) noexcept; ///< "call", "email", ...
std::optional<activity_kind> parse_activity_kind(std::string_view text) noexcept;

/// The records an activity is about; an activity keeps at least one of them.
struct activity_links {
    std::optional<lead_id> lead;
    std::optional<deal_id> deal;
    std::optional<contact_id> contact;
    bool empty() const noexcept { return !lead && !deal && !contact; }
    bool operator==(const activity_links&) const = default;
};

// ---- events -------------------------------------------------------------------------

struct activity_created {
    activity_id id;
    activity_kind kind = activity_kind::task;
    std::string subject;
    std::optional<std::string> description;
    std::optional<timestamp> due_at;
    user_id assignee;
    activity_links links;
    bool operator==(const activity_created&) const = default;
};

/// Fields changed by an update (absent = unchanged, an empty inner optional = cleared).
struct activity_updated {
    activity_id id;
    std::optional<std::string> subject;
    field_patch<std::string> description;
    field_patch<timestamp> due_at;
    std::optional<user_id> assignee;
    field_patch<lead_id> lead;
    field_patch<deal_id> deal;
    field_patch<contact_id> contact;
    bool operator==(const activity_updated&) const = default;
};

/// Completion; its time is the event's time (`ce_time`).
struct activity_completed {
    activity_id id;
    std::string outcome;
    bool operator==(const activity_completed&) const = default;
};

/// A completed activity is open again (its outcome and completion time are cleared).
struct activity_reopened {
    activity_id id;
    bool operator==(const activity_reopened&) const = default;
};

using activity_event =
    std::variant<activity_created, activity_updated, activity_completed, activity_reopened>;

const activity_id& subject_of(const activity_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per activity: the editable fields (an update that changes
/// nothing is refused), who may touch it and whether it is done.
struct activity_state {
    activity_id id;
    activity_kind kind = activity_kind::task;
    std::string subject;
    std::optional<std::string> description;
    std::optional<timestamp> due_at;
    user_id assignee;
    user_id created_by;
    activity_links links;
    bool completed = false;
    std::uint32_t version = 0;
    bool operator==(const activity_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `activity_created`; `actor` is who
/// caused the event (the creator is remembered for permissions).
activity_state evolve(const std::optional<activity_state>& state, const activity_event& event,
                      const user_id& actor);

// ---- commands -----------------------------------------------------------------------

struct create_activity {
    activity_id id; ///< server-assigned UUIDv7
    activity_kind kind = activity_kind::task;
    std::string subject;
    std::optional<std::string> description;
    std::optional<timestamp> due_at;
    std::optional<user_id> assignee; ///< absent: the actor
    activity_links links;
};

struct update_activity {
    activity_id id;
    std::optional<std::string> subject;
    field_patch<std::string> description;
    field_patch<timestamp> due_at;
    std::optional<user_id> assignee;
    field_patch<lead_id> lead;
    field_patch<deal_id> deal;
    field_patch<contact_id> contact;
};

struct complete_activity {
    activity_id id;
    std::string outcome;
};

struct reopen_activity {
    activity_id id;
};

using activity_command =
    std::variant<create_activity, update_activity, complete_activity, reopen_activity>;

const activity_id& subject_of(const activity_command& c) noexcept;

/// The links a command sets (not those it clears or leaves alone): what the writer must
/// find in the tenant before deciding.
activity_links links_set_by(const activity_command& c);

// ---- decisions ----------------------------------------------------------------------

/// Whether each record `links_set_by(command)` names exists in the tenant, as the writer
/// found them; a link the command does not set counts as found.
struct activity_links_found {
    bool lead = true;
    bool deal = true;
    bool contact = true;
};

enum class activity_error {
    not_found,      ///< command for an activity that does not exist → 404
    already_exists, ///< create with an id already used → 409
    not_permitted, ///< viewer, or an agent on an activity neither assigned to nor created by them →
                   ///< 403
    link_required,     ///< no lead, deal or contact left to link to → 422
    unknown_lead,      ///< a linked lead that is not in the tenant → 422
    unknown_deal,      ///< a linked deal that is not in the tenant → 422
    unknown_contact,   ///< a linked contact that is not in the tenant → 422
    already_completed, ///< completing or changing a completed activity (reopen first) → 409
    nothing_to_change, ///< → 409
    not_completed,     ///< reopening an open activity → 409
};

std::string_view to_string(activity_error e) noexcept; ///< stable slug, e.g. "activity-completed"

using activity_decision = std::expected<std::vector<activity_event>, activity_error>;

/// Decides a command against the activity's state (nullopt: it does not exist), given
/// whether the records it links to were found. Pure.
activity_decision decide(const activity_command& command,
                         const std::optional<activity_state>& state,
                         const activity_links_found& found, const command_context& context);

} // namespace ventros::domain
