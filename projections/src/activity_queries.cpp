#include "ventros/projections/activity_queries.hpp"

#include "query_text.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/time.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using detail::param;
using detail::rfc3339;
using nlohmann::json;

/// The order of every list, as the indexes of 0005_activities.sql spell it.
constexpr const char* due_key = "coalesce(due_at, 'infinity'::timestamptz)";
constexpr std::string_view no_due = "infinity";

// PostgreSQL builds each item, so a page is one query whatever its size.
std::string activity_object() {
    return "json_build_object("
           "'id', activity_id, 'kind', kind, 'subject', subject, 'description', description, "
           "'due_at', " +
           rfc3339("due_at") +
           ", 'assignee_id', assignee_id, 'lead_id', lead_id, 'deal_id', deal_id, "
           "'contact_id', contact_id, "
           "'status', CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END, "
           "'outcome', outcome, 'completed_at', " +
           rfc3339("completed_at") + ", 'created_by', created_by, 'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") +
           ", 'version', version)";
}

bool is_time(std::string_view text) {
    return domain::parse_rfc3339(text).has_value();
}

bool is_position(std::string_view due, std::string_view id) {
    return (due == no_due || is_time(due)) && domain::is_uuid(id);
}

void check_filter(const activity_filter& filter) {
    for (const auto* id : {&filter.lead_id, &filter.deal_id, &filter.contact_id}) {
        if (*id && !domain::is_uuid(**id)) {
            throw std::invalid_argument("activity filter id is not a UUID: " + **id);
        }
    }
    if (filter.due_before && !is_time(*filter.due_before)) {
        throw std::invalid_argument("due_before is not RFC 3339: " + *filter.due_before);
    }
    if (filter.after && !is_position(filter.after->due, filter.after->id)) {
        throw std::invalid_argument("activity cursor is not a position");
    }
}

/// The open filter as literal SQL, so the partial index on open activities applies.
std::string status_condition(const std::optional<bool>& open) {
    if (!open) {
        return "";
    }
    return *open ? "AND completed_at IS NULL " : "AND completed_at IS NOT NULL ";
}

} // namespace

std::optional<activity_position> parse_activity_position(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos) {
        return std::nullopt;
    }
    const auto due = text.substr(0, space);
    const auto id = text.substr(space + 1);
    if (!is_position(due, id)) {
        return std::nullopt;
    }
    return activity_position{std::string(due), std::string(id)};
}

activity_page list_activities(pqxx::transaction_base& tx, const activity_filter& filter) {
    check_filter(filter);
    const int limit = std::clamp(filter.limit, 1, detail::max_page_size);
    const std::string key = due_key;
    const auto after_due = filter.after ? std::optional(filter.after->due) : std::nullopt;
    const auto after_id = filter.after ? std::optional(filter.after->id) : std::nullopt;
    // Absent filters fold away when PostgreSQL plans with the parameters' values.
    const auto rows =
        tx.exec_params("SELECT coalesce(" + rfc3339("due_at") + ", '" + std::string(no_due) +
                           "') || ' ' || activity_id::text, " + activity_object() +
                           "::text FROM activities "
                           "WHERE tenant_id = $1 " +
                           status_condition(filter.open) +
                           "AND ($2::text IS NULL OR assignee_id = $2) "
                           "AND ($3::timestamptz IS NULL OR " +
                           key +
                           " < $3::timestamptz) "
                           "AND ($4::uuid IS NULL OR lead_id = $4::uuid) "
                           "AND ($5::uuid IS NULL OR deal_id = $5::uuid) "
                           "AND ($6::uuid IS NULL OR contact_id = $6::uuid) "
                           "AND ($7::text IS NULL OR kind = $7) "
                           "AND ($8::timestamptz IS NULL OR (" +
                           key +
                           ", activity_id) > ($8::timestamptz, $9::uuid)) "
                           "ORDER BY " +
                           key + ", activity_id LIMIT $10",
                       filter.tenant_id, param(filter.assignee_id), param(filter.due_before),
                       param(filter.lead_id), param(filter.deal_id), param(filter.contact_id),
                       param(filter.kind), param(after_due), param(after_id), limit + 1);
    auto page = detail::page_of(rows, limit);
    return {std::move(page.items), std::move(page.last_id)};
}

std::optional<json> find_activity(pqxx::transaction_base& tx, const std::string& tenant_id,
                                  const std::string& activity_id) {
    return detail::find_object(tx, activity_object(), "activities", "activity_id", tenant_id,
                               activity_id);
}

json list_activity_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                          const std::string& activity_id, int limit,
                          std::optional<int> after_version) {
    return detail::list_journal(tx, "activity_events", "activity_id", tenant_id, activity_id, limit,
                                after_version);
}

} // namespace ventros::projections
