#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>

namespace ventros::projections {

/// The read side of activities, for the gateway. Same conventions as deal_queries.hpp:
/// every function runs inside a transaction the caller has scoped to the tenant as
/// ventros_reader (row-level security isolates tenants), PostgreSQL builds the JSON,
/// database failures throw pqxx exceptions.
///
/// Activity JSON: id, kind, subject, description, due_at, assignee_id, lead_id, deal_id,
/// contact_id, status (open|completed), outcome, completed_at, created_by, created_at,
/// updated_at (times RFC 3339 UTC ms), version; absent values are null.

/// Where a page of activities ends: its last item's due time ("infinity" when it has
/// none) and id, written "<due> <id>". Lists are ordered by due time, activities without
/// one last, then by id.
struct activity_position {
    std::string due; ///< RFC 3339 UTC ms, or "infinity"
    std::string id;  ///< a UUID
};

/// The position a page's `last_id` text holds, or nullopt when it is not one.
std::optional<activity_position> parse_activity_position(std::string_view text);

struct activity_filter {
    std::string tenant_id;
    std::optional<std::string> assignee_id;
    std::optional<bool> open;              ///< true: not completed; false: completed
    std::optional<std::string> due_before; ///< RFC 3339: due strictly before (no due time: never)
    std::optional<std::string> lead_id, deal_id, contact_id; ///< UUIDs
    std::optional<std::string> kind;
    int limit = 50;                         ///< clamped to 1..500
    std::optional<activity_position> after; ///< activities after this position (next page)
};

/// A page of activities, as text ready to send.
struct activity_page {
    std::string items;                  ///< JSON array of activity objects
    std::optional<std::string> last_id; ///< the last item's position when more follow
};

/// Activities matching `filter`, by due time (none last) then id: one range scan of an
/// index (open activities of an assignee due before a time have their own). Throws
/// std::invalid_argument when an id is not a UUID or a time is not RFC 3339 (the gateway
/// checks them first).
activity_page list_activities(pqxx::transaction_base& tx, const activity_filter& filter);

/// The activity, or nullopt when absent, not visible, or `activity_id` is not a UUID.
std::optional<nlohmann::json> find_activity(pqxx::transaction_base& tx,
                                            const std::string& tenant_id,
                                            const std::string& activity_id);

/// `{ "items": [{id, type, version, time, actor, data}...], "next_cursor": <version> | null }`
/// by version ascending, after `after_version` when given; `limit` clamped to 1..500.
nlohmann::json list_activity_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                                    const std::string& activity_id, int limit,
                                    std::optional<int> after_version);

} // namespace ventros::projections
