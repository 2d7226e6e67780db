#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/transaction_base>
#include <string>

namespace ventros::projections {

/// The read side of the metrics projection, for the gateway. Same conventions as
/// deal_queries.hpp: every function runs inside a transaction the caller has scoped to
/// the tenant as ventros_reader, PostgreSQL builds the JSON, database failures throw pqxx
/// exceptions.
///
/// Days are UTC dates. Counts are integers, money is `{currency, ...cents}` per currency
/// (ordered by currency, currencies never added together), rates and averages are
/// numbers or null when their denominator is 0. A day's deals_won and deals_lost count
/// the closes of that day that still stand: reopening a deal undoes its close on the
/// close's day.

/// A tenant and an inclusive range of days, each YYYY-MM-DD (the gateway checks them).
struct metrics_range {
    std::string tenant_id;
    std::string from;
    std::string to;
};

/// `{from, to, leads: {created, qualified, converted, qualification_rate (qualified ÷
/// created), conversion_rate (converted ÷ qualified)}, deals: {created, won, lost,
/// win_rate (won ÷ (won + lost)), average_sales_cycle_days (mean whole days from creation
/// to win of the wins)}, revenue_won: [{currency, cents}], open_pipeline: [{currency,
/// open_deals, raw_cents, weighted_cents}] at the end of `to`}`. Currencies with nothing
/// are left out.
nlohmann::json metrics_overview(pqxx::transaction_base& tx, const metrics_range& range);

/// The open pipeline at the end of `to`, by pipeline and stage: `{to, pipelines:
/// [{pipeline_id, name, stages: [{id, name, probability, open_deals, values: [{currency,
/// raw_cents, weighted_cents}]}], totals: {open_deals, values}}]}`. Pipelines and their
/// stages in board order come from the pipelines read model (every stage listed, zeros
/// included; name and probability null for a pipeline or stage it does not know); a
/// stage holding open deals that the pipeline no longer lists comes after its stages.
/// Pipelines oldest first.
nlohmann::json metrics_funnel(pqxx::transaction_base& tx, const metrics_range& range);

/// `{from, to, days: [{day, leads_created, leads_qualified, leads_converted,
/// deals_created, deals_won, deals_lost, revenue_won: [{currency, cents}]}]}`: one item
/// per day of the range, oldest first, zeros on days without activity.
nlohmann::json metrics_daily(pqxx::transaction_base& tx, const metrics_range& range);

/// `{from, to, sources: [{source, leads, average_score, conversions, conversion_rate}]}`
/// for the leads created in the range, by source (ordered by source): how many, the
/// average of their current scores (unscored leads count as 0), how many of them
/// converted (at any time) and conversions ÷ leads.
nlohmann::json metrics_sources(pqxx::transaction_base& tx, const metrics_range& range);

/// `{from, to, agents: [{owner_id, deals_created, deals_won, deals_lost, revenue_won:
/// [{currency, cents}], average_sales_cycle_days}]}` per deal owner (ordered by owner):
/// deals created with them as owner in the range, closes in the range while they owned
/// the deal. Owners with nothing in the range are left out.
nlohmann::json metrics_agents(pqxx::transaction_base& tx, const metrics_range& range);

} // namespace ventros::projections
