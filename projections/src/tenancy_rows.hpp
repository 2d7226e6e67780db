#pragma once

#include "aggregate_batch.hpp"
#include "ventros/domain/project.hpp"
#include "ventros/domain/subscription.hpp"
#include "ventros/domain/user.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/row>
#include <string>
#include <vector>

namespace ventros::projections::detail {

// The rows of the tenancy projection: each holds what the write side folds (with the
// domain's `evolve`) plus its times as PostgreSQL text input, so a row loaded as text is
// written back as is. Every fold applies an event when it is the row's next version,
// reports a replay as already applied, and otherwise returns why it cannot apply.

/// A `users` row (no password hash: the read model never holds one).
struct user_row {
    domain::user_id user_id; ///< lower case
    std::string name;
    std::string email;
    std::uint32_t version = 0;
    std::string created_at;
};

const std::vector<std::string>& user_columns();
user_row user_row_of(const pqxx::row& r);
nlohmann::json to_json(const user_row& row);
/// Rejects user events that carry a tenant (users are global) or a non-UUID id.
std::expected<version_step, std::string> fold_user_row(std::optional<user_row>& row,
                                                       const decoded_event& e,
                                                       const domain::user_event& event);

/// A `projects` row: the project as the tenant's writer folds it.
struct project_row {
    domain::project_state project;
    std::string created_at;
    std::string updated_at;
};

const std::vector<std::string>& project_columns();
project_row project_row_of(const pqxx::row& r);
nlohmann::json to_json(const project_row& row);
/// Rejects project events whose tenant id is not a valid slug or differs from the event's
/// tenant (`ce_tenantid`).
std::expected<version_step, std::string> fold_project_row(std::optional<project_row>& row,
                                                          const decoded_event& e,
                                                          const domain::project_event& event);

/// A `subscriptions` row: the tenant's subscription as its writer folds it (the provider
/// events it has applied are not kept: the writer deduplicates them).
struct subscription_row {
    std::string tenant_id;
    domain::subscription_state subscription;
    std::string created_at;
    std::string updated_at;
};

const std::vector<std::string>& subscription_columns();
subscription_row subscription_row_of(const pqxx::row& r);
nlohmann::json to_json(const subscription_row& row);
/// Rejects subscription events without a tenant or with a non-UUID subscription id.
std::expected<version_step, std::string>
fold_subscription_row(std::optional<subscription_row>& row, const decoded_event& e,
                      const domain::subscription_event& event);

/// The rows-traits of fold_batch for each table.
struct user_rows {
    using event = domain::user_event;
    using row = user_row;
    static constexpr const char* id_column = "user_id";
    static constexpr bool tenant_in_key = false; // users are global
    static row row_of(const pqxx::row& r) { return user_row_of(r); }
    static const std::string& id_of(const row& r) { return r.user_id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return fold_user_row(r, e, event);
    }
};

struct project_rows {
    using event = domain::project_event;
    using row = project_row;
    static constexpr const char* id_column = "tenant_id";
    static constexpr const char* id_type = "text";
    static constexpr bool tenant_in_key = false; // the id is the tenant
    static row row_of(const pqxx::row& r) { return project_row_of(r); }
    static const std::string& id_of(const row& r) { return r.project.id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return fold_project_row(r, e, event);
    }
};

struct subscription_rows {
    using event = domain::subscription_event;
    using row = subscription_row;
    static constexpr const char* id_column = "subscription_id";
    static row row_of(const pqxx::row& r) { return subscription_row_of(r); }
    static const std::string& id_of(const row& r) { return r.subscription.id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return fold_subscription_row(r, e, event);
    }
};

} // namespace ventros::projections::detail
