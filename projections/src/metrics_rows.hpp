#pragma once

#include "aggregate_batch.hpp"
#include "ventros/domain/deal.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <array>
#include <cstdint>
#include <expected>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/row>
#include <string>
#include <vector>

namespace ventros::projections::detail {

/// Additions to one `metrics_daily` row.
struct daily_counts {
    std::int64_t leads_created = 0;
    std::int64_t leads_qualified = 0;
    std::int64_t leads_converted = 0;
    std::int64_t deals_created = 0;
    std::int64_t deals_won = 0;
    std::int64_t deals_lost = 0;
    std::int64_t won_cycle_days = 0;
    daily_counts& operator+=(const daily_counts& other);
};

/// Additions to one `metrics_open_value_daily` row.
struct open_value {
    std::int64_t open_deals = 0;
    std::int64_t raw_cents = 0;
    std::int64_t weighted_cents = 0;
    open_value& operator+=(const open_value& other);
};

/// Additions to one `metrics_sources_daily` row.
struct source_counts {
    std::int64_t leads = 0;
    std::int64_t score_sum = 0;
    std::int64_t conversions = 0;
    source_counts& operator+=(const source_counts& other);
};

/// Additions to one `metrics_agents_daily` row.
struct agent_counts {
    std::int64_t deals_created = 0;
    std::int64_t deals_won = 0;
    std::int64_t deals_lost = 0;
    std::int64_t won_cycle_days = 0;
    agent_counts& operator+=(const agent_counts& other);
};

/// What events add to the metrics counter tables, by the primary key of the row each
/// addition goes to (tenant first, then the day as YYYY-MM-DD, then the table's other key
/// columns in order). A key once touched stays even when its sum is zero, so the rows
/// that exist do not depend on how events were batched: a rebuild writes exactly the rows
/// the live projector wrote.
struct metric_changes {
    std::map<std::array<std::string, 2>, daily_counts> daily;   ///< tenant, day
    std::map<std::array<std::string, 4>, std::int64_t> revenue; ///< tenant, day, owner, currency
    std::map<std::array<std::string, 5>, open_value>
        open_values; ///< tenant, day, pipeline, stage, currency
    std::map<std::array<std::string, 3>, source_counts> sources; ///< tenant, day, source
    std::map<std::array<std::string, 3>, agent_counts> agents;   ///< tenant, day, owner

    /// Adds every change of `other` to this.
    void add(const metric_changes& other);
};

/// A `metrics_leads` row, and what the events folded into it in this batch add to the
/// counters (`changes`, not stored).
struct lead_metrics_row {
    std::string tenant_id;
    std::string lead_id; ///< lower case
    std::string source;
    std::string created_day; ///< YYYY-MM-DD
    std::int64_t score = 0;
    std::int64_t version = 0;
    metric_changes changes;
};

/// A `metrics_deals` row, and what the events folded into it in this batch add to the
/// counters (`changes`, not stored).
struct deal_metrics_row {
    std::string tenant_id;
    std::string deal_id; ///< lower case
    std::string pipeline_id;
    std::string stage;
    std::int64_t probability = 0;
    std::int64_t value_cents = 0;
    std::string currency;
    std::string status; ///< open, won, lost
    std::string owner_id;
    std::string created_day;               ///< YYYY-MM-DD
    std::optional<std::string> closed_day; ///< of the close that stands; nullopt while open
    std::int64_t version = 0;
    metric_changes changes;
};

/// Every column of `metrics_leads` / `metrics_deals`, in table order.
const std::vector<std::string>& lead_metrics_columns();
const std::vector<std::string>& deal_metrics_columns();

/// The row of a `SELECT *` result.
lead_metrics_row lead_metrics_row_of(const pqxx::row& r);
deal_metrics_row deal_metrics_row_of(const pqxx::row& r);

/// The stored columns as a JSON object keyed by column name.
nlohmann::json to_json(const lead_metrics_row& row);
nlohmann::json to_json(const deal_metrics_row& row);

/// A deal's weighted value: floor(cents × probability / 100), computed without overflow
/// for any non-negative cents.
std::int64_t weighted_cents(std::int64_t cents, std::int64_t probability);

/// Applies one lead event to its row (`nullopt`: no row yet) when it is the row's next
/// version, adding what it counts to `row->changes`: lead.created counts a lead (daily
/// and by source on its day), lead.scored moves the source's score sum by the score's
/// change, lead.qualified and lead.converted count on their day, a conversion also on
/// the lead's source and creation day. Other lead events only advance the version.
/// Versions and rejections as fold_deal_row. Pure.
std::expected<version_step, std::string> fold_lead_metrics(std::optional<lead_metrics_row>& row,
                                                           const decoded_event& e,
                                                           const domain::lead_event& event);

/// Applies one deal event to its row like fold_lead_metrics: created counts a deal (for
/// its owner too) and opens its value at its stage; an update of the value and a stage
/// move move the open value (a stage move with its new probability); won and lost take
/// the value out of the open pipeline and count the close on their day (a win with its
/// revenue and cycle days = win day − creation day, for the owner too); a reopen undoes
/// the close on the close's own day and puts the value back in the open pipeline on the
/// reopen's day. Pure.
std::expected<version_step, std::string> fold_deal_metrics(std::optional<deal_metrics_row>& row,
                                                           const decoded_event& e,
                                                           const domain::deal_event& event);

} // namespace ventros::projections::detail
