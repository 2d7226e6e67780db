#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>

namespace ventros::projections {

/// The read side of leads, for the gateway. Every function runs inside a transaction the
/// caller has already scoped with `set_config('app.tenant_id', tenant, true)` as
/// ventros_reader; the explicit tenant filter is for index use, row-level security is
/// what isolates tenants. Lead JSON: id, name, email, phone, company, source,
/// source_details, stage, score, bant, assigned_to, tags, custom_fields, created_by,
/// created_at, updated_at, qualified_at, converted_at, lost_at (RFC 3339 UTC ms),
/// lost_reason, deal_id, version; absent values are null. Throw pqxx exceptions on
/// database failures.

struct lead_filter {
    std::string tenant_id;
    std::optional<std::string> stage, source, assigned_to;
    std::optional<std::string> q; ///< case-insensitive substring of name or email
    std::optional<int> min_score;
    int limit = 50;                           ///< clamped to 1..500
    std::optional<std::string> after_lead_id; ///< leads with a smaller id (next page)
};

/// A page of leads, as text ready to send: PostgreSQL builds each item, so the gateway
/// neither parses nor re-serialises them.
struct lead_page {
    std::string items;                  ///< JSON array of lead objects, newest first
    std::optional<std::string> last_id; ///< the last item's id when more follow, else nullopt
};

/// Leads matching `filter`, newest first (lead ids are UUIDv7). Throws
/// std::invalid_argument when `after_lead_id` is not a UUID.
lead_page list_leads(pqxx::transaction_base& tx, const lead_filter& filter);

/// The lead, or nullopt when absent, not visible, or `lead_id` is not a UUID.
std::optional<nlohmann::json> find_lead(pqxx::transaction_base& tx, const std::string& tenant_id,
                                        const std::string& lead_id);

/// `{ "items": [{id, type, version, time, actor, data}...], "next_cursor": <version> | null }`
/// by version ascending, after `after_version` when given; `limit` clamped to 1..500.
nlohmann::json list_lead_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                                const std::string& lead_id, int limit,
                                std::optional<int> after_version);

} // namespace ventros::projections
