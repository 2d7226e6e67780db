#pragma once

#include "aggregate_batch.hpp"
#include "ventros/domain/company.hpp"
#include "ventros/domain/contact.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/row>
#include <string>
#include <vector>

namespace ventros::projections::detail {

/// A `contacts` or `companies` row: the record as the write side folds it (ids lower
/// case), plus its tenant, creator and times (PostgreSQL text input, so a row loaded as
/// text is written back as is).
template <class State>
struct record_row {
    std::string tenant_id;
    State record;
    std::string created_by;
    std::string created_at;
    std::string updated_at;
};

using contact_row = record_row<domain::contact_state>;
using company_row = record_row<domain::company_state>;

/// Every column of `contacts` / `companies`, in table order.
const std::vector<std::string>& contact_columns();
const std::vector<std::string>& company_columns();

/// The row of a `SELECT *` result. A contact's links come back leads first, then deals.
contact_row contact_row_of(const pqxx::row& r);
company_row company_row_of(const pqxx::row& r);

/// The row as a JSON object keyed by column name (for jsonb_populate_recordset); a
/// contact's links are split into `lead_ids` and `deal_ids`.
nlohmann::json to_json(const contact_row& row);
nlohmann::json to_json(const company_row& row);

/// Applies one event to its row (`nullopt`: no row yet) with the domain's `evolve` when
/// it is the row's next version; a version at or below the row's is already reflected.
/// Returns the reason when it cannot apply: a version gap, a first event that is not
/// `*.created`, an id the table would refuse (not a UUID), no tenant, a bad time. Pure.
std::expected<version_step, std::string> fold_contact_row(std::optional<contact_row>& row,
                                                          const decoded_event& e,
                                                          const domain::contact_event& event);
std::expected<version_step, std::string> fold_company_row(std::optional<company_row>& row,
                                                          const decoded_event& e,
                                                          const domain::company_event& event);

/// The journal row (`contact_events` / `company_events`, JSON keyed by column) of an event
/// the fold has just applied to `row`.
nlohmann::json contact_journal_row(const decoded_event& e, const domain::contact_event& event,
                                   const contact_row& row);
nlohmann::json company_journal_row(const decoded_event& e, const domain::company_event& event,
                                   const company_row& row);

} // namespace ventros::projections::detail
