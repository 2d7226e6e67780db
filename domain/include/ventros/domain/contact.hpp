#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// What a contact may be linked to: a lead or a deal of the same tenant.
using contact_link = std::variant<lead_id, deal_id>;

// ---- events -------------------------------------------------------------------------

struct contact_created {
    contact_id id;
    std::string name;
    std::optional<std::string> email; ///< normalized (trimmed, lower case)
    std::optional<std::string> phone; ///< normalized ('+' and digits)
    std::optional<std::string> position;
    std::optional<company_id> company;
    bool operator==(const contact_created&) const = default;
};

/// Fields changed by an update (absent = unchanged, null = cleared).
struct contact_updated {
    contact_id id;
    std::optional<std::string> name;
    field_patch<std::string> email;
    field_patch<std::string> phone;
    field_patch<std::string> position;
    field_patch<company_id> company;
    bool operator==(const contact_updated&) const = default;
};

struct contact_linked {
    contact_id id;
    contact_link link;
    bool operator==(const contact_linked&) const = default;
};

struct contact_unlinked {
    contact_id id;
    contact_link link;
    bool operator==(const contact_unlinked&) const = default;
};

/// The contact was merged into `into` (the survivor) and is read-only from now on.
struct contact_merged {
    contact_id id;
    contact_id into;
    bool operator==(const contact_merged&) const = default;
};

/// The survivor of a merge absorbed `absorbed`: it took the fields it had empty (present
/// members) and the links it did not have yet.
struct contact_absorbed {
    contact_id id;
    contact_id absorbed;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> position;
    std::optional<company_id> company;
    std::vector<contact_link> links;
    bool operator==(const contact_absorbed&) const = default;
};

using contact_event = std::variant<contact_created, contact_updated, contact_linked,
                                   contact_unlinked, contact_merged, contact_absorbed>;

const contact_id& subject_of(const contact_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per contact: its fields (duplicate checks, merges and
/// "nothing to change" need them), its links and whether it was merged away.
struct contact_state {
    contact_id id;
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> position;
    std::optional<company_id> company;
    std::vector<contact_link> links; ///< in the order they were made
    std::optional<contact_id> merged_into;
    std::uint32_t version = 0;
    bool operator==(const contact_state&) const = default;

    bool has_link(const contact_link& link) const;
};

/// Applies one event. `state` is nullopt only before `contact_created`.
contact_state evolve(const std::optional<contact_state>& state, const contact_event& event);

// ---- commands -----------------------------------------------------------------------

struct create_contact {
    contact_id id; ///< server-assigned UUIDv7
    std::string name;
    std::optional<std::string> email; ///< normalized by the decoder
    std::optional<std::string> phone; ///< normalized by the decoder
    std::optional<std::string> position;
    std::optional<company_id> company;
};

struct update_contact {
    contact_id id;
    std::optional<std::string> name;
    field_patch<std::string> email;
    field_patch<std::string> phone;
    field_patch<std::string> position;
    field_patch<company_id> company;
};

struct link_contact {
    contact_id id;
    contact_link link;
};

struct unlink_contact {
    contact_id id;
    contact_link link;
};

/// POST /contacts/{id}/merge: `id` survives and absorbs `merged`.
struct merge_contacts {
    contact_id id;
    contact_id merged;
};

using contact_command =
    std::variant<create_contact, update_contact, link_contact, unlink_contact, merge_contacts>;

/// The contact a command is about (for a merge: the survivor).
const contact_id& subject_of(const contact_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class contact_error {
    not_found,         ///< command for a contact that does not exist → 404
    already_exists,    ///< create with an id already used → 409
    not_permitted,     ///< a viewer; an agent merging → 403
    duplicate,         ///< another contact of the tenant has the email or phone → 409
    unknown_company,   ///< company_id names no company of the tenant → 422
    unknown_lead,      ///< a link to a lead that does not exist → 422
    unknown_deal,      ///< a link to a deal that does not exist → 422
    merged,            ///< a write to a merged contact, or merging one → 409
    unknown_contact,   ///< merging a contact that does not exist → 422
    merge_into_itself, ///< merging a contact into itself → 422
    nothing_to_change, ///< an update that changes nothing, a link made twice, an absent unlink
};

std::string_view to_string(contact_error e) noexcept; ///< stable slug, e.g. "contact-duplicate"

/// A refusal; a duplicate names the contact that already has the email or phone.
struct contact_refusal {
    contact_refusal(contact_error e, std::optional<contact_id> holder = std::nullopt)
        : error(e), existing(std::move(holder)) {}
    contact_error error;
    std::optional<contact_id> existing;
    bool operator==(const contact_refusal&) const = default;
};

std::string_view to_string(const contact_refusal& r) noexcept; ///< the error's slug

/// What a contact decision needs from the rest of the tenant; the writer looks it up.
struct contact_facts {
    std::optional<contact_id> email_holder; ///< the contact that has the command's email
    std::optional<contact_id> phone_holder; ///< the contact that has the command's phone
    bool company_exists = false;            ///< the company the command sets exists
    bool link_target_exists = false;        ///< the lead or deal the (un)link names exists
    std::optional<contact_state> merged;    ///< merge: the contact to absorb, if it exists
};

using contact_decision = std::expected<std::vector<contact_event>, contact_refusal>;

/// Decides a command against the contact's state (nullopt: it does not exist). Roles:
/// contacts are shared records of the tenant, so any role but viewer may create, update,
/// link and unlink them; only admins and managers merge (a merge hides a record others
/// work with). A merge decides two events, in this order: contact_absorbed on the
/// survivor, then contact_merged on the merged contact. Pure.
contact_decision decide(const contact_command& command, const std::optional<contact_state>& state,
                        const contact_facts& facts, const command_context& context);

} // namespace ventros::domain
