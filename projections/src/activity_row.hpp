#pragma once

#include "aggregate_batch.hpp"
#include "ventros/domain/activity.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/row>
#include <string>
#include <vector>

namespace ventros::projections::detail {

/// An `activities` row. Times are kept as PostgreSQL text input, so a row loaded as text
/// is written back as is.
struct activity_row {
    std::string tenant_id;
    std::string activity_id; ///< lower case
    std::string kind;
    std::string subject;
    std::optional<std::string> description;
    std::optional<std::string> due_at;
    std::string assignee_id;
    std::optional<std::string> lead_id; ///< lower case, like the other links
    std::optional<std::string> deal_id;
    std::optional<std::string> contact_id;
    std::optional<std::string> outcome;
    std::optional<std::string> completed_at; ///< the completion's event time; NULL while open
    std::string created_by;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 0;
};

/// Every column of `activities`, in table order.
const std::vector<std::string>& activity_columns();

/// The row of a `SELECT * FROM activities` result.
activity_row activity_row_of(const pqxx::row& r);

/// The row as a JSON object keyed by column name (for jsonb_populate_recordset).
nlohmann::json to_json(const activity_row& row);

/// Applies one activity event to its row (`nullopt`: no row yet) when the event is the
/// row's next version; a version at or below the row's is already reflected. Returns the
/// reason when it cannot apply: a version gap, a first event that is not
/// activity.created, an id that is not a UUID. Pure.
std::expected<version_step, std::string> fold_activity_row(std::optional<activity_row>& row,
                                                           const decoded_event& e,
                                                           const domain::activity_event& event);

/// The `activity_events` journal row (JSON object keyed by column) of `event`, which
/// `fold_activity_row` has just applied to `row`.
nlohmann::json activity_journal_row(const decoded_event& e, const domain::activity_event& event,
                                    const activity_row& row);

} // namespace ventros::projections::detail
