#include "query_text.hpp"

#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace ventros::projections::detail {

std::string like_escape(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

std::string rfc3339(const std::string& column) {
    return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

const char* param(const std::optional<std::string>& value) {
    return value ? value->c_str() : nullptr;
}

std::optional<std::string> param(const std::optional<std::int64_t>& value) {
    return value ? std::optional(std::to_string(*value)) : std::nullopt;
}

json_page page_of(const pqxx::result& rows, int limit) {
    json_page page{.items = "["};
    int count = 0;
    for (const auto& row : rows) {
        if (count == limit) {
            page.last_id = rows[count - 1][0].c_str();
            break;
        }
        page.items += count++ == 0 ? "" : ",";
        page.items.append(row[1].c_str(), row[1].size());
    }
    page.items += "]";
    return page;
}

std::optional<nlohmann::json> one_json(const pqxx::result& rows) {
    if (rows.empty() || rows[0][0].is_null()) {
        return std::nullopt;
    }
    return nlohmann::json::parse(rows[0][0].c_str());
}

std::optional<nlohmann::json> find_object(pqxx::transaction_base& tx, const std::string& object_sql,
                                          const std::string& table, const std::string& id_column,
                                          const std::string& tenant_id, const std::string& id) {
    if (!domain::is_uuid(id)) {
        return std::nullopt;
    }
    return one_json(tx.exec_params("SELECT " + object_sql + "::text FROM " + table +
                                       " WHERE tenant_id = $1 AND " + id_column + " = $2::uuid",
                                   tenant_id, id));
}

nlohmann::json list_journal(pqxx::transaction_base& tx, const std::string& table,
                            const std::string& id_column, const std::string& tenant_id,
                            const std::string& id, int limit, std::optional<int> after_version) {
    using nlohmann::json;
    json items = json::array();
    json next_cursor = nullptr;
    if (!domain::is_uuid(id)) {
        return {{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}};
    }
    limit = std::clamp(limit, 1, max_page_size);
    const auto after = param(after_version);
    const auto rows = tx.exec_params(
        "SELECT json_build_object('id', event_id, 'type', type, 'version', version, 'time', " +
            rfc3339("occurred_at") + ", 'actor', actor, 'data', data)::text FROM " + table +
            " WHERE tenant_id = $1 AND " + id_column +
            " = $2::uuid AND ($3::int IS NULL OR version > $3) ORDER BY version LIMIT $4",
        tenant_id, id, param(after), limit + 1);
    for (const auto& row : rows) {
        if (static_cast<int>(items.size()) == limit) {
            next_cursor = items.back().at("version");
            break;
        }
        items.push_back(json::parse(row[0].c_str()));
    }
    return {{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}};
}

} // namespace ventros::projections::detail
