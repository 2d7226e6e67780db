#pragma once

#include "ventros/domain/bant.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/roles.hpp"
#include "ventros/domain/time.hpp"

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

enum class lead_stage { new_lead, contacted, qualified, unqualified, converted, lost };
std::string_view to_string(lead_stage s) noexcept; ///< "new", "contacted", ...
std::optional<lead_stage> parse_lead_stage(std::string_view text) noexcept;

enum class lead_source { whatsapp, web, email, phone, import, api, referral, event, other };
std::string_view to_string(lead_source s) noexcept;
std::optional<lead_source> parse_lead_source(std::string_view text) noexcept;

/// A patch of one optional field: absent = unchanged, `set(nullopt)` = cleared.
template <class T>
using field_patch = std::optional<std::optional<T>>;

using custom_fields = std::map<std::string, std::string>;

// ---- events (each a value; the aggregate's events are a variant) --------------------

struct lead_created {
    lead_id id;
    std::string name;
    std::optional<std::string> email; ///< normalized (trimmed, lower case)
    std::optional<std::string> phone; ///< normalized (E.164-like: '+' and digits)
    std::optional<std::string> company;
    lead_source source = lead_source::other;
    std::optional<std::string> source_details;
    std::vector<std::string> tags;
    custom_fields custom;
    user_id created_by;
    bool operator==(const lead_created&) const = default;
};

struct lead_updated {
    lead_id id;
    std::optional<std::string> name;
    field_patch<std::string> email;
    field_patch<std::string> phone;
    field_patch<std::string> company;
    std::optional<std::vector<std::string>> tags;
    std::optional<custom_fields> custom; ///< replaces the whole map when present
    bool operator==(const lead_updated&) const = default;
};

/// A manual stage move between `new` and `contacted`.
struct lead_stage_changed {
    lead_id id;
    lead_stage from = lead_stage::new_lead;
    lead_stage to = lead_stage::contacted;
    bool operator==(const lead_stage_changed&) const = default;
};

/// BANT answers were recorded and the lead re-scored.
struct lead_scored {
    lead_id id;
    bant_answers answers;
    bant_points points;
    int score = 0;
    int threshold = default_min_score_to_qualify;
    std::string flow_version{default_bant_flow_version};
    lead_stage stage = lead_stage::unqualified; ///< qualified or unqualified
    bool operator==(const lead_scored&) const = default;
};

/// The lead reached the qualification threshold for the first time (counted by metrics).
struct lead_qualified {
    lead_id id;
    int score = 0;
    bool operator==(const lead_qualified&) const = default;
};

struct lead_assigned {
    lead_id id;
    user_id agent;
    role agent_role = role::agent;
    std::optional<user_id> previous;
    bool operator==(const lead_assigned&) const = default;
};

struct lead_lost {
    lead_id id;
    std::string reason;
    bool operator==(const lead_lost&) const = default;
};

struct lead_converted {
    lead_id id;
    deal_id deal; ///< the deal this conversion creates
    int score = 0;
    bool operator==(const lead_converted&) const = default;
};

using lead_event = std::variant<lead_created, lead_updated, lead_stage_changed, lead_scored,
                                lead_qualified, lead_assigned, lead_lost, lead_converted>;

/// The id of the lead an event belongs to.
const lead_id& subject_of(const lead_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps in memory per lead: only what decisions need.
struct lead_state {
    lead_id id;
    std::uint32_t version = 0; ///< number of events applied
    lead_stage stage = lead_stage::new_lead;
    int score = 0;
    bool ever_qualified = false;
    std::optional<user_id> assigned_to;
    user_id created_by;
    bool operator==(const lead_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `lead_created`.
/// Precondition: the event is valid for the state (it came from `decide` or the log).
lead_state evolve(const std::optional<lead_state>& state, const lead_event& event);

// ---- commands -----------------------------------------------------------------------

/// Who acts and when; ids and time come in with the command, never from inside.
struct command_context {
    tenant_id tenant;
    user_id actor;
    role actor_role = role::viewer;
    timestamp now{};
};

struct create_lead {
    lead_id id; ///< server-assigned UUIDv7
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> company;
    lead_source source = lead_source::api;
    std::optional<std::string> source_details;
    std::vector<std::string> tags;
    custom_fields custom;
};

struct update_lead {
    lead_id id;
    std::optional<std::string> name;
    field_patch<std::string> email;
    field_patch<std::string> phone;
    field_patch<std::string> company;
    std::optional<std::vector<std::string>> tags;
    std::optional<custom_fields> custom;
    std::optional<lead_stage> stage; ///< only `new` or `contacted` may be set by hand
};

struct answer_bant {
    lead_id id;
    bant_answers answers;
};

struct assign_lead {
    lead_id id;
    user_id agent;
    role agent_role = role::agent;
};

struct mark_lead_lost {
    lead_id id;
    std::string reason;
};

struct convert_lead {
    lead_id id;
    deal_id deal;                   ///< server-assigned UUIDv7 for the new deal
    bool allow_unqualified = false; ///< tenant setting
};

using lead_command =
    std::variant<create_lead, update_lead, answer_bant, assign_lead, mark_lead_lost, convert_lead>;

const lead_id& subject_of(const lead_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class lead_error {
    not_found,                 ///< command for a lead that does not exist
    already_exists,            ///< create with an id already used
    already_converted,         ///< any change to a converted lead
    lead_is_lost,              ///< qualify/convert/assign a lost lead
    not_qualified,             ///< convert below the threshold without the tenant allowing it
    agent_role_not_assignable, ///< assigning to a viewer
    stage_not_settable,        ///< PATCH stage other than new/contacted
    nothing_to_change,         ///< update that changes no field
    not_permitted, ///< an agent acting on a lead neither created by nor assigned to them
};

std::string_view
to_string(lead_error e) noexcept; ///< stable kebab-case slug, e.g. "lead-already-converted"

using lead_decision = std::expected<std::vector<lead_event>, lead_error>;

/// Decides a command against the lead's current state (nullopt: the lead does not exist).
/// Pure: no I/O, no clock, no randomness.
lead_decision decide(const lead_command& command, const std::optional<lead_state>& state,
                     const command_context& context);

/// Folds events from nothing; used by tests and replay.
std::optional<lead_state> fold(const std::vector<lead_event>& events);

} // namespace ventros::domain
