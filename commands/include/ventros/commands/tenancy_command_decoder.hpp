#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/project.hpp"
#include "ventros/domain/subscription.hpp"
#include "ventros/domain/user.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ventros::commands {

/// Decoders for the tenancy endpoints' JSON bodies (users, sessions, projects), as strict
/// as the lead ones: unknown fields refused, types and lengths checked, emails
/// normalized.

/// POST /v1/users: {name, email, password}. The password (10 to 1024 bytes, at least 10
/// characters) is returned apart: the gateway hashes it before building the command.
struct registration {
    std::string name;
    std::string email; ///< normalized
    std::string password;
};
decoded<registration> decode_registration(std::string_view body);

/// POST /v1/sessions: {email, password}.
struct credentials {
    std::string email; ///< normalized
    std::string password;
};
decoded<credentials> decode_credentials(std::string_view body);

/// POST /v1/tenants: {tenant_id, name, description?, billing_account_id, plan?}. The
/// tenant id is a slug (see domain::is_valid_tenant_slug); `plan` is a plan code
/// (default "starter").
struct project_creation {
    domain::create_project command;
    std::string plan;
};
decoded<project_creation> decode_create_project(std::string_view body);

/// POST /v1/tenants/{t}/members: {email, role}. The gateway resolves the email to a user.
struct member_invitation {
    std::string email; ///< normalized
    domain::role member_role = domain::role::viewer;
};
decoded<member_invitation> decode_member_invitation(std::string_view body);

/// PUT /v1/tenants/{t}/products/{product}: {enabled, limits?: {name: count}}.
decoded<domain::set_project_product> decode_set_product(std::string_view body, domain::tenant_id id,
                                                        domain::product which);

/// PATCH /v1/tenants/{t}: any of name, description (null clears),
/// session_timeout_minutes (5 to 1440), branding {logo_url?, primary_color?,
/// secondary_color?, company_name?} (replaces the branding; colors `#rrggbb`, the logo an
/// https URL); at least one.
decoded<domain::update_project_settings> decode_update_project_settings(std::string_view body,
                                                                        domain::tenant_id id);

/// POST /v1/tenants/{t}/subscription/plan-change: {plan} (a plan code).
decoded<std::string> decode_plan_change(std::string_view body);

/// POST /v1/tenants/{t}/subscription/cancellation: {at_period_end?} (default true: the
/// subscription runs to the end of the period it paid for).
decoded<domain::request_cancellation> decode_cancellation(std::string_view body);

} // namespace ventros::commands
