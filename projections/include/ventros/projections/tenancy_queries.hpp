#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

namespace ventros::projections {

/// The read side of tenants and plans, for the gateway. Same conventions as
/// lead_queries.hpp: PostgreSQL builds the JSON, database failures throw pqxx exceptions,
/// times are RFC 3339 UTC with milliseconds.

/// The tenant's dashboard, or nullopt when it has no project (or it is not visible). Run
/// as ventros_reader scoped to `tenant` (app.tenant_id): row-level security keeps other
/// tenants' projects, subscriptions, leads and users out of it.
/// {tenant_id, name, description, billing_account_id, owner, session_timeout_minutes,
///  branding: {logo_url, primary_color, secondary_color, company_name},
///  products: {crm: {enabled, limits: {...}}, ...},
///  members: [{user_id, name, email, role}] by user_id (name and email null while the
///   user's registration is not projected yet),
///  subscription: {id, status, plan: {code, name, price_cents, currency, limits},
///   trial_ends_at, current_period_start, current_period_end, cancel_at_period_end} | null,
///  usage: {leads: <the tenant's leads>, users: <members>},
///  limits: the subscription plan's limits ({users, messages_per_month, channel_instances,
///   leads, requests_per_minute}, null = unlimited) | null without a subscription,
///  version (the project's), created_at, updated_at}
std::optional<nlohmann::json> find_tenant(pqxx::transaction_base& tx, const std::string& tenant);

/// Every plan in display order, each in the shape of domain::plan_to_json (so
/// domain::plan_from_json reads it): [{code, name, price_cents, currency, limits}]. Plans
/// are global: run without a tenant.
nlohmann::json list_plans(pqxx::transaction_base& tx);

/// The plan with `code` in the shape above; nullopt when there is none.
std::optional<nlohmann::json> find_plan(pqxx::transaction_base& tx, const std::string& code);

} // namespace ventros::projections
