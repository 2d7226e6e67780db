#pragma once

#include "aggregate_batch.hpp"
#include "ventros/domain/deal.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/row>
#include <string>
#include <vector>

namespace ventros::projections::detail {

/// A `deals` row. Times and dates are kept as PostgreSQL text input, so a row loaded as
/// text is written back as is.
struct deal_row {
    std::string tenant_id;
    std::string deal_id; ///< lower case
    std::string title;
    std::int64_t value_cents = 0;
    std::string currency;
    std::string pipeline_id; ///< lower case
    std::string stage;
    std::int64_t probability = 0;
    bool probability_overridden = false;
    std::string status; ///< open, won, lost
    std::string owner_id;
    std::optional<std::string> lead_id;
    std::optional<std::string> company_id;
    std::optional<std::string> expected_close; ///< YYYY-MM-DD
    std::optional<std::string> lost_reason;
    std::string created_by;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> won_at;  ///< of the current win; cleared by a reopen
    std::optional<std::string> lost_at; ///< of the current loss; cleared by a reopen
    std::int64_t version = 0;
};

/// Every column of `deals`, in table order.
const std::vector<std::string>& deal_columns();

/// The row of a `SELECT * FROM deals` result.
deal_row deal_row_of(const pqxx::row& r);

/// The row as a JSON object keyed by column name (for jsonb_populate_recordset).
nlohmann::json to_json(const deal_row& row);

/// Applies one deal event to its row (`nullopt`: no row yet) when the event is the row's
/// next version; a version at or below the row's is already reflected. Returns the reason
/// when it cannot apply: a version gap, a first event that is not deal.created, a value
/// the table would refuse (an id that is not a UUID, a malformed date or time). Pure.
std::expected<version_step, std::string> fold_deal_row(std::optional<deal_row>& row,
                                                       const decoded_event& e,
                                                       const domain::deal_event& event);

/// The `deal_events` journal row (JSON object keyed by column) of `event`, which
/// `fold_deal_row` has just applied to `row`.
nlohmann::json deal_journal_row(const decoded_event& e, const domain::deal_event& event,
                                const deal_row& row);

} // namespace ventros::projections::detail
