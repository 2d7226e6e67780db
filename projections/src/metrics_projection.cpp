#include "ventros/projections/metrics_projection.hpp"

#include "aggregate_batch.hpp"
#include "metrics_rows.hpp"

#include <set>

namespace ventros::projections {
namespace {

using detail::metric_changes;
using nlohmann::json;

struct lead_rows {
    using event = domain::lead_event;
    using row = detail::lead_metrics_row;
    static constexpr const char* id_column = "lead_id";
    static row row_of(const pqxx::row& r) { return detail::lead_metrics_row_of(r); }
    static const std::string& id_of(const row& r) { return r.lead_id; }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_lead_metrics(r, e, event);
    }
};

struct deal_rows {
    using event = domain::deal_event;
    using row = detail::deal_metrics_row;
    static constexpr const char* id_column = "deal_id";
    static row row_of(const pqxx::row& r) { return detail::deal_metrics_row_of(r); }
    static const std::string& id_of(const row& r) { return r.deal_id; }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_deal_metrics(r, e, event);
    }
};

/// Takes, in a stable order, the transaction's advisory lock of each tenant with lead or
/// deal events in `events`, scoped to `scope` (the actual state table, so a rebuild's
/// shadow tables do not wait on the live ones).
void lock_tenants(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                  const std::string& scope) {
    std::set<std::string> tenants;
    for (const auto& e : events) {
        if (!std::holds_alternative<domain::pipeline_event>(e.event)) {
            tenants.insert(e.attributes.tenant_id);
        }
    }
    if (tenants.empty()) {
        return;
    }
    detail::array_literal list;
    for (const auto& tenant : tenants) {
        list.add(tenant);
    }
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1), k) FROM (SELECT DISTINCT "
                   "hashtext(t) AS k FROM unnest($2::text[]) AS t ORDER BY k) AS keys",
                   scope, list.str());
}

/// The INSERT of a JSON array of rows that, on a conflict over `key`, adds each of
/// `counters` to the existing row. `table` is quoted.
std::string accumulate_sql(const std::string& table, const std::vector<std::string>& key,
                           const std::vector<std::string>& counters) {
    std::string conflict;
    for (const auto& k : key) {
        conflict += (conflict.empty() ? "" : ", ") + k;
    }
    std::string sums;
    for (const auto& c : counters) {
        sums += (sums.empty() ? "" : ", ") + c + " = t." + c + " + excluded." + c;
    }
    return detail::insert_from_json_sql(table) + " ON CONFLICT (" + conflict + ") DO UPDATE SET " +
           sums;
}

/// Adds the rows of `changes` (`row_of(key, value)` → JSON object) to `table` (quoted).
template <class Map, class RowOf>
void accumulate(pqxx::transaction_base& tx, const std::string& table,
                const std::vector<std::string>& key, const std::vector<std::string>& counters,
                const Map& changes, RowOf row_of) {
    if (changes.empty()) {
        return;
    }
    auto rows = json::array();
    for (const auto& [k, value] : changes) {
        auto row = row_of(value);
        for (std::size_t i = 0; i < key.size(); ++i) {
            row[key[i]] = k[i];
        }
        rows.push_back(std::move(row));
    }
    tx.exec_params0(accumulate_sql(table, key, counters), rows.dump());
}

void write_counters(pqxx::transaction_base& tx, const table_names& tables,
                    const metric_changes& changes) {
    const auto table = [&](const char* logical) { return tx.quote_name(tables[logical]); };
    accumulate(tx, table("metrics_daily"), {"tenant_id", "day"},
               {"leads_created", "leads_qualified", "leads_converted", "deals_created", "deals_won",
                "deals_lost", "won_cycle_days"},
               changes.daily, [](const detail::daily_counts& c) {
                   return json{{"leads_created", c.leads_created},
                               {"leads_qualified", c.leads_qualified},
                               {"leads_converted", c.leads_converted},
                               {"deals_created", c.deals_created},
                               {"deals_won", c.deals_won},
                               {"deals_lost", c.deals_lost},
                               {"won_cycle_days", c.won_cycle_days}};
               });
    accumulate(tx, table("metrics_revenue_daily"), {"tenant_id", "day", "owner_id", "currency"},
               {"won_cents"}, changes.revenue, [](std::int64_t cents) {
                   return json{{"won_cents", cents}};
               });
    accumulate(tx, table("metrics_open_value_daily"),
               {"tenant_id", "day", "pipeline_id", "stage", "currency"},
               {"open_deals", "raw_cents", "weighted_cents"}, changes.open_values,
               [](const detail::open_value& v) {
                   return json{{"open_deals", v.open_deals},
                               {"raw_cents", v.raw_cents},
                               {"weighted_cents", v.weighted_cents}};
               });
    accumulate(tx, table("metrics_sources_daily"), {"tenant_id", "day", "source"},
               {"leads", "score_sum", "conversions"}, changes.sources,
               [](const detail::source_counts& c) {
                   return json{{"leads", c.leads},
                               {"score_sum", c.score_sum},
                               {"conversions", c.conversions}};
               });
    accumulate(tx, table("metrics_agents_daily"), {"tenant_id", "day", "owner_id"},
               {"deals_created", "deals_won", "deals_lost", "won_cycle_days"}, changes.agents,
               [](const detail::agent_counts& c) {
                   return json{{"deals_created", c.deals_created},
                               {"deals_won", c.deals_won},
                               {"deals_lost", c.deals_lost},
                               {"won_cycle_days", c.won_cycle_days}};
               });
}

/// Folds the batch's events of one kind into their state rows, upserts the changed rows
/// and adds what they counted to `changes`.
template <class Rows>
void fold_kind(pqxx::transaction_base& tx, std::span<const decoded_event> events,
               const std::string& table, const std::vector<std::string>& columns,
               apply_result& result, metric_changes& changes) {
    detail::rows_by_key<typename Rows::row> rows;
    const auto changed = detail::fold_batch<Rows>(
        tx, events, table, rows, result,
        [](const decoded_event&, const typename Rows::event&, const typename Rows::row&) {});
    if (changed.empty()) {
        return;
    }
    auto changed_rows = json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(detail::to_json(*row));
        changes.add(row->changes);
    }
    tx.exec_params0(detail::upsert_from_json_sql(table, {"tenant_id", Rows::id_column}, columns),
                    changed_rows.dump());
}

} // namespace

apply_result metrics_projection::apply(pqxx::transaction_base& tx,
                                       std::span<const decoded_event> events,
                                       const table_names& tables) const {
    apply_result result;
    lock_tenants(tx, events, tables["metrics_deals"]);
    metric_changes changes;
    fold_kind<lead_rows>(tx, events, tx.quote_name(tables["metrics_leads"]),
                         detail::lead_metrics_columns(), result, changes);
    fold_kind<deal_rows>(tx, events, tx.quote_name(tables["metrics_deals"]),
                         detail::deal_metrics_columns(), result, changes);
    write_counters(tx, tables, changes);
    return result;
}

} // namespace ventros::projections
