#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/roles.hpp"

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// A project is a tenant (DOMAIN.md "Who uses it"): its `tenant_id` slug is the key of
/// every tenant-scoped event, so the tenant's writer owns the project, its members and
/// its rules.

/// True for a valid `tenant_id`: 3–63 characters of lowercase ASCII letters, digits and
/// hyphens, starting and ending with a letter or digit (a DNS label).
bool is_valid_tenant_slug(std::string_view slug) noexcept;

/// What a project can have switched on.
enum class product { crm, bi, automation };
std::string_view to_string(product p) noexcept; ///< "crm", "bi", "automation"
std::optional<product> parse_product(std::string_view text) noexcept;

/// Limits of a product, by name (e.g. `contacts: 10000`).
using product_limits = std::map<std::string, std::uint32_t>;

struct product_setting {
    bool enabled = false;
    product_limits limits;
    bool operator==(const product_setting&) const = default;
};

/// White-label branding: plain configuration shown by front ends.
struct branding {
    std::optional<std::string> logo_url;
    std::optional<std::string> primary_color;   ///< `#rrggbb`
    std::optional<std::string> secondary_color; ///< `#rrggbb`
    std::optional<std::string> company_name;
    bool operator==(const branding&) const = default;
};

inline constexpr std::uint32_t default_session_timeout_minutes = 30;

// ---- events -------------------------------------------------------------------------

struct project_created {
    tenant_id id;
    std::string name;
    std::optional<std::string> description;
    billing_account_id billing_account;
    user_id owner; ///< the creator, who becomes its first admin
    std::uint32_t session_timeout_minutes = default_session_timeout_minutes;
    bool operator==(const project_created&) const = default;
};

/// A user joined the project, or a member's role changed (`previous` set).
struct project_member_set {
    tenant_id id;
    user_id user;
    role member_role = role::viewer;
    std::optional<role> previous;
    bool operator==(const project_member_set&) const = default;
};

struct project_member_removed {
    tenant_id id;
    user_id user;
    bool operator==(const project_member_removed&) const = default;
};

struct project_product_set {
    tenant_id id;
    product which = product::crm;
    product_setting setting;
    bool operator==(const project_product_set&) const = default;
};

struct project_settings_updated {
    tenant_id id;
    std::optional<std::string> name;
    field_patch<std::string> description;
    std::optional<std::uint32_t> session_timeout_minutes;
    std::optional<domain::branding> branding; ///< replaces the whole branding
    bool operator==(const project_settings_updated&) const = default;
};

using project_event = std::variant<project_created, project_member_set, project_member_removed,
                                   project_product_set, project_settings_updated>;

const tenant_id& subject_of(const project_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

struct project_state {
    tenant_id id;
    std::string name;
    std::optional<std::string> description;
    billing_account_id billing_account;
    user_id owner;
    std::uint32_t session_timeout_minutes = default_session_timeout_minutes;
    std::map<user_id, role> members;
    std::map<product, product_setting> products; ///< crm is on from creation
    domain::branding branding;
    std::uint32_t version = 0;
    bool operator==(const project_state&) const = default;
};

project_state evolve(const std::optional<project_state>& state, const project_event& event);

// ---- commands -----------------------------------------------------------------------

struct create_project {
    tenant_id id;
    std::string name;
    std::optional<std::string> description;
    billing_account_id billing_account; ///< the gateway checked the caller owns it
};

/// Adds a user with a role, or changes a member's role.
struct set_project_member {
    tenant_id id;
    user_id user;
    role member_role = role::viewer;
};

struct remove_project_member {
    tenant_id id;
    user_id user;
};

struct set_project_product {
    tenant_id id;
    product which = product::crm;
    product_setting setting;
};

struct update_project_settings {
    tenant_id id;
    std::optional<std::string> name;
    field_patch<std::string> description;
    std::optional<std::uint32_t> session_timeout_minutes;
    std::optional<domain::branding> branding;
};

using project_command = std::variant<create_project, set_project_member, remove_project_member,
                                     set_project_product, update_project_settings>;

const tenant_id& subject_of(const project_command& c) noexcept;

enum class project_error {
    not_found,         ///< no project has the tenant id → 404 tenant-not-found
    already_exists,    ///< the tenant id is taken → 409
    not_permitted,     ///< only admins manage a project → 403
    member_not_found,  ///< removing a user who is not a member → 404
    last_admin,        ///< the last admin cannot leave or be demoted → 409
    nothing_to_change, ///< → 409
};

std::string_view to_string(project_error e) noexcept; ///< e.g. "tenant-not-found"

using project_decision = std::expected<std::vector<project_event>, project_error>;

/// Decides a project command (nullopt state: no project has the id). Creating needs no
/// role (the caller is a user creating their own project); everything else is for the
/// project's admins. Pure.
project_decision decide(const project_command& command, const std::optional<project_state>& state,
                        const command_context& context);

} // namespace ventros::domain
