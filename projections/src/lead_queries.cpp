#include "ventros/projections/lead_queries.hpp"

#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using nlohmann::json;

constexpr int max_limit = 500;

std::string rfc3339(const char* column) {
    return std::string("to_char(") + column +
           " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

// PostgreSQL builds each item, so a page is one query whatever its size.
std::string lead_object() {
    return "json_build_object("
           "'id', lead_id, 'name', name, 'email', email, 'phone', phone, 'company', company, "
           "'source', source, 'source_details', source_details, 'stage', stage, "
           "'score', score, 'bant', bant, 'assigned_to', assigned_to, 'tags', tags, "
           "'custom_fields', custom_fields, 'created_by', created_by, "
           "'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") +
           ", 'qualified_at', " + rfc3339("qualified_at") + ", 'converted_at', " +
           rfc3339("converted_at") + ", 'lost_at', " + rfc3339("lost_at") +
           ", 'lost_reason', lost_reason, 'deal_id', deal_id, 'version', version)";
}

const char* param(const std::optional<std::string>& value) {
    return value ? value->c_str() : nullptr;
}

std::optional<std::string> param(const std::optional<int>& value) {
    return value ? std::optional(std::to_string(*value)) : std::nullopt;
}

// LIKE treats % and _ as wildcards and \ as the escape character.
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

} // namespace

lead_page list_leads(pqxx::transaction_base& tx, const lead_filter& filter) {
    if (filter.after_lead_id && !domain::is_uuid(*filter.after_lead_id)) {
        throw std::invalid_argument("lead cursor is not a lead id");
    }
    const int limit = std::clamp(filter.limit, 1, max_limit);
    std::optional<std::string> pattern;
    if (filter.q) {
        pattern = "%" + like_escape(*filter.q) + "%";
    }
    const auto min_score = param(filter.min_score);
    // The q expression is the one the trigram index is built on.
    const auto rows = tx.exec_params(
        "SELECT lead_id::text, " + lead_object() +
            "::text FROM leads "
            "WHERE tenant_id = $1 "
            "AND ($2::text IS NULL OR stage = $2) "
            "AND ($3::text IS NULL OR source = $3) "
            "AND ($4::text IS NULL OR assigned_to = $4) "
            "AND ($5::int IS NULL OR score >= $5) "
            "AND ($6::text IS NULL OR lower((name || ' ' || coalesce(email, '')) "
            "COLLATE \"und-x-icu\") LIKE lower($6::text COLLATE \"und-x-icu\")) "
            "AND ($7::uuid IS NULL OR lead_id < $7::uuid) "
            "ORDER BY lead_id DESC LIMIT $8",
        filter.tenant_id, param(filter.stage), param(filter.source), param(filter.assigned_to),
        param(min_score), param(pattern), param(filter.after_lead_id), limit + 1);

    lead_page page{.items = "["};
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

std::optional<json> find_lead(pqxx::transaction_base& tx, const std::string& tenant_id,
                              const std::string& lead_id) {
    if (!domain::is_uuid(lead_id)) {
        return std::nullopt;
    }
    const auto rows = tx.exec_params("SELECT " + lead_object() +
                                         "::text FROM leads WHERE tenant_id = $1 AND "
                                         "lead_id = $2::uuid",
                                     tenant_id, lead_id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return json::parse(rows[0][0].c_str());
}

json list_lead_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                      const std::string& lead_id, int limit, std::optional<int> after_version) {
    json items = json::array();
    json next_cursor = nullptr;
    if (!domain::is_uuid(lead_id)) {
        return {{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}};
    }
    limit = std::clamp(limit, 1, max_limit);
    const auto after = param(after_version);
    const auto rows =
        tx.exec_params("SELECT json_build_object('id', event_id, 'type', type, 'version', version, "
                       "'time', " +
                           rfc3339("occurred_at") +
                           ", 'actor', actor, 'data', data)::text FROM lead_events "
                           "WHERE tenant_id = $1 AND lead_id = $2::uuid "
                           "AND ($3::int IS NULL OR version > $3) ORDER BY version LIMIT $4",
                       tenant_id, lead_id, param(after), limit + 1);
    for (const auto& row : rows) {
        if (static_cast<int>(items.size()) == limit) {
            next_cursor = items.back().at("version");
            break;
        }
        items.push_back(json::parse(row[0].c_str()));
    }
    return {{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}};
}

} // namespace ventros::projections
