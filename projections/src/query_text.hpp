#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

namespace ventros::projections::detail {

/// The largest page any list query returns.
inline constexpr int max_page_size = 500;

/// SQL for a timestamptz column as RFC 3339 UTC text with milliseconds (NULL stays NULL).
std::string rfc3339(const std::string& column);

/// `text` with LIKE's wildcards (% and _) and its escape character (\) escaped, to match
/// literally inside a LIKE pattern.
std::string like_escape(const std::string& text);

/// A query parameter that is NULL when absent.
const char* param(const std::optional<std::string>& value);
std::optional<std::string> param(const std::optional<std::int64_t>& value);

/// A list page as text ready to send.
struct json_page {
    std::string items;                  ///< JSON array of the items
    std::optional<std::string> last_id; ///< the last item's id when more follow
};

/// The page of rows `(id text, item JSON text)` fetched with `LIMIT limit + 1`: the extra
/// row only says that more follow.
json_page page_of(const pqxx::result& rows, int limit);

/// The JSON of the first column of the first row; nullopt when there is none or it is NULL.
std::optional<nlohmann::json> one_json(const pqxx::result& rows);

/// The object `object_sql` builds from the row of `table` whose `id_column` is `id`, or
/// nullopt when absent, not visible or `id` is not a UUID.
std::optional<nlohmann::json> find_object(pqxx::transaction_base& tx, const std::string& object_sql,
                                          const std::string& table, const std::string& id_column,
                                          const std::string& tenant_id, const std::string& id);

/// `{ "items": [{id, type, version, time, actor, data}...], "next_cursor": <version> | null }`
/// from an event journal table (`lead_events`, `deal_events`) for the aggregate whose id
/// column `id_column` is `id`, by version ascending after `after_version`; `limit`
/// clamped to 1..max_page_size; empty when `id` is not a UUID.
nlohmann::json list_journal(pqxx::transaction_base& tx, const std::string& table,
                            const std::string& id_column, const std::string& tenant_id,
                            const std::string& id, int limit, std::optional<int> after_version);

} // namespace ventros::projections::detail
