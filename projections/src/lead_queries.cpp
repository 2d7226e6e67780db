#include "ventros/projections/lead_queries.hpp"

#include "query_text.hpp"
#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using detail::param;
using detail::rfc3339;
using nlohmann::json;

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

} // namespace

lead_page list_leads(pqxx::transaction_base& tx, const lead_filter& filter) {
    if (filter.after_lead_id && !domain::is_uuid(*filter.after_lead_id)) {
        throw std::invalid_argument("lead cursor is not a lead id");
    }
    const int limit = std::clamp(filter.limit, 1, detail::max_page_size);
    std::optional<std::string> pattern;
    if (filter.q) {
        pattern = "%" + detail::like_escape(*filter.q) + "%";
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

    auto page = detail::page_of(rows, limit);
    return {std::move(page.items), std::move(page.last_id)};
}

std::optional<json> find_lead(pqxx::transaction_base& tx, const std::string& tenant_id,
                              const std::string& lead_id) {
    return detail::find_object(tx, lead_object(), "leads", "lead_id", tenant_id, lead_id);
}

json list_lead_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                      const std::string& lead_id, int limit, std::optional<int> after_version) {
    return detail::list_journal(tx, "lead_events", "lead_id", tenant_id, lead_id, limit,
                                after_version);
}

} // namespace ventros::projections
