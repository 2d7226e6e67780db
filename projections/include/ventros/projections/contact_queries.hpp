#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

namespace ventros::projections {

/// The read side of contacts and companies, for the gateway. Same conventions as
/// lead_queries.hpp: every function runs inside a transaction the caller has scoped to
/// the tenant as ventros_reader (row-level security isolates tenants), PostgreSQL builds
/// the JSON, database failures throw pqxx exceptions.
///
/// Contact JSON: id, name, email, phone, position, company_id, lead_ids, deal_ids (linked
/// leads and deals, each in link order), merged_into (the survivor once merged, else
/// null), created_by, created_at, updated_at (RFC 3339 UTC ms), version.
/// Company JSON: id, name, domain, industry, size, created_by, created_at, updated_at,
/// version. Absent values are null.

struct contact_filter {
    std::string tenant_id;
    std::optional<std::string> q;                ///< prefix of the name (any case) or of the email
    std::optional<std::string> company_id;       ///< a UUID
    std::optional<std::string> email;            ///< normalized: the exact email
    int limit = 50;                              ///< clamped to 1..500
    std::optional<std::string> after_contact_id; ///< contacts with a smaller id (next page)
};

struct company_filter {
    std::string tenant_id;
    std::optional<std::string> q;                ///< prefix of the name (any case) or of the domain
    std::optional<std::string> domain;           ///< normalized: the exact domain
    int limit = 50;                              ///< clamped to 1..500
    std::optional<std::string> after_company_id; ///< companies with a smaller id (next page)
};

/// A page of a list, as text ready to send.
struct record_page {
    std::string items;                  ///< JSON array of objects, newest first
    std::optional<std::string> last_id; ///< the last item's id when more follow, else nullopt
};

/// Contacts matching `filter`, newest first (ids are UUIDv7); merged contacts are left
/// out (GET by id still shows them). Throws std::invalid_argument when `company_id` or
/// `after_contact_id` is not a UUID (the gateway checks them first).
record_page list_contacts(pqxx::transaction_base& tx, const contact_filter& filter);

/// Companies matching `filter`, newest first. Throws std::invalid_argument when
/// `after_company_id` is not a UUID.
record_page list_companies(pqxx::transaction_base& tx, const company_filter& filter);

/// The contact or company, or nullopt when absent, not visible, or `id` is not a UUID.
std::optional<nlohmann::json> find_contact(pqxx::transaction_base& tx, const std::string& tenant_id,
                                           const std::string& id);
std::optional<nlohmann::json> find_company(pqxx::transaction_base& tx, const std::string& tenant_id,
                                           const std::string& id);

/// `{ "items": [{id, type, version, time, actor, data}...], "next_cursor": <version> | null }`
/// by version ascending, after `after_version` when given; `limit` clamped to 1..500.
nlohmann::json list_contact_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                                   const std::string& contact_id, int limit,
                                   std::optional<int> after_version);
nlohmann::json list_company_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                                   const std::string& company_id, int limit,
                                   std::optional<int> after_version);

} // namespace ventros::projections
