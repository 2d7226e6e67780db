#include "ventros/projections/metrics_queries.hpp"

#include "query_text.hpp"

#include <pqxx/pqxx>

namespace ventros::projections {
namespace {

using nlohmann::json;

// Statements take $1 = tenant, $2 = from, $3 = to (the funnel: $2 = to).
const std::string in_range = "tenant_id = $1 AND day BETWEEN $2::date AND $3::date";

/// `[{currency, cents}]` of the revenue rows matching `where`, currencies with a zero
/// sum left out.
std::string revenue_by_currency(const std::string& where) {
    return "(SELECT coalesce(json_agg(json_build_object('currency', currency, 'cents', cents) "
           "ORDER BY currency), '[]') FROM (SELECT currency, sum(won_cents) AS cents "
           "FROM metrics_revenue_daily r WHERE " +
           where + " GROUP BY currency HAVING sum(won_cents) <> 0) money)";
}

/// `[{currency, raw_cents, weighted_cents}]` of the rows of the `open_values` CTE (with
/// columns currency, raw, weighted) matching `where`.
std::string open_values_by_currency(const std::string& where) {
    return "(SELECT coalesce(json_agg(json_build_object('currency', currency, 'raw_cents', raw, "
           "'weighted_cents', weighted) ORDER BY currency), '[]') FROM (SELECT currency, "
           "sum(raw) AS raw, sum(weighted) AS weighted FROM open_values WHERE " +
           where + " GROUP BY currency) money)";
}

/// The JSON the statement builds, with the range added.
json with_range(const pqxx::result& rows, const metrics_range& range) {
    auto out = detail::one_json(rows).value_or(json::object());
    out["from"] = range.from;
    out["to"] = range.to;
    return out;
}

pqxx::result run(pqxx::transaction_base& tx, const std::string& sql, const metrics_range& range) {
    return tx.exec_params(sql, range.tenant_id, range.from, range.to);
}

} // namespace

json metrics_overview(pqxx::transaction_base& tx, const metrics_range& range) {
    return with_range(
        run(tx,
            "WITH d AS (SELECT coalesce(sum(leads_created), 0) AS lc, "
            "  coalesce(sum(leads_qualified), 0) AS lq, coalesce(sum(leads_converted), 0) AS lv, "
            "  coalesce(sum(deals_created), 0) AS dc, coalesce(sum(deals_won), 0) AS dw, "
            "  coalesce(sum(deals_lost), 0) AS dl, coalesce(sum(won_cycle_days), 0) AS cycle "
            "  FROM metrics_daily WHERE " +
                in_range +
                "), "
                "open_values AS (SELECT currency, sum(open_deals) AS n, sum(raw_cents) AS raw, "
                "  sum(weighted_cents) AS weighted FROM metrics_open_value_daily "
                "  WHERE tenant_id = $1 AND day <= $3::date GROUP BY currency "
                "  HAVING sum(open_deals) <> 0) "
                "SELECT json_build_object("
                "  'leads', json_build_object('created', lc, 'qualified', lq, 'converted', lv, "
                "    'qualification_rate', lq::float8 / nullif(lc, 0), "
                "    'conversion_rate', lv::float8 / nullif(lq, 0)), "
                "  'deals', json_build_object('created', dc, 'won', dw, 'lost', dl, "
                "    'win_rate', dw::float8 / nullif(dw + dl, 0), "
                "    'average_sales_cycle_days', cycle::float8 / nullif(dw, 0)), "
                "  'revenue_won', " +
                revenue_by_currency(in_range) +
                ", "
                "  'open_pipeline', (SELECT coalesce(json_agg(json_build_object("
                "    'currency', currency, 'open_deals', n, 'raw_cents', raw, "
                "    'weighted_cents', weighted) ORDER BY currency), '[]') FROM open_values)"
                ")::text FROM d",
            range),
        range);
}

json metrics_funnel(pqxx::transaction_base& tx, const metrics_range& range) {
    // open_values: the open value at the end of `to` per stage and currency; board: the stages
    // of the tenant's pipelines in board order; stages: those plus stages holding open
    // deals that no pipeline lists.
    const std::string stage_open = "pipeline_id = s.pipeline_id AND stage = s.stage";
    auto out =
        detail::one_json(
            tx.exec_params(
                "WITH open_values AS (SELECT pipeline_id, stage, currency, sum(open_deals) AS n, "
                "  sum(raw_cents) AS raw, sum(weighted_cents) AS weighted "
                "  FROM metrics_open_value_daily WHERE tenant_id = $1 AND day <= $2::date "
                "  GROUP BY pipeline_id, stage, currency HAVING sum(open_deals) <> 0), "
                "board AS (SELECT p.pipeline_id, st.value->>'id' AS stage, st.value->>'name' AS "
                "name, "
                "  (st.value->>'probability')::int AS probability, st.ordinality AS position "
                "  FROM pipelines p, jsonb_array_elements(p.stages) WITH ORDINALITY AS st "
                "  WHERE p.tenant_id = $1), "
                "stages AS (SELECT * FROM board UNION ALL "
                "  SELECT DISTINCT o.pipeline_id, o.stage, NULL, NULL::int, NULL::bigint FROM "
                "open_values o "
                "  WHERE NOT EXISTS (SELECT 1 FROM board b "
                "                    WHERE b.pipeline_id = o.pipeline_id AND b.stage = o.stage)), "
                "listed AS (SELECT DISTINCT pipeline_id FROM stages) "
                "SELECT json_build_object('pipelines', coalesce(json_agg(json_build_object("
                "  'pipeline_id', l.pipeline_id, "
                "  'name', (SELECT name FROM pipelines p "
                "           WHERE p.tenant_id = $1 AND p.pipeline_id = l.pipeline_id), "
                "  'stages', (SELECT json_agg(json_build_object('id', s.stage, 'name', s.name, "
                "      'probability', s.probability, "
                "      'open_deals', (SELECT coalesce(sum(n), 0) FROM open_values WHERE " +
                    stage_open + "), 'values', " + open_values_by_currency(stage_open) +
                    ") ORDER BY s.position NULLS LAST, s.stage) "
                    "    FROM stages s WHERE s.pipeline_id = l.pipeline_id), "
                    "  'totals', json_build_object("
                    "    'open_deals', (SELECT coalesce(sum(n), 0) FROM open_values "
                    "                   WHERE pipeline_id = l.pipeline_id), "
                    "    'values', " +
                    open_values_by_currency("pipeline_id = l.pipeline_id") +
                    ")) ORDER BY l.pipeline_id), '[]'))::text FROM listed l",
                range.tenant_id, range.to))
            .value_or(json::object());
    out["to"] = range.to;
    return out;
}

json metrics_daily(pqxx::transaction_base& tx, const metrics_range& range) {
    return with_range(run(tx,
                          "SELECT json_build_object('days', json_agg(json_build_object("
                          "  'day', to_char(g.day, 'YYYY-MM-DD'), "
                          "  'leads_created', coalesce(d.leads_created, 0), "
                          "  'leads_qualified', coalesce(d.leads_qualified, 0), "
                          "  'leads_converted', coalesce(d.leads_converted, 0), "
                          "  'deals_created', coalesce(d.deals_created, 0), "
                          "  'deals_won', coalesce(d.deals_won, 0), "
                          "  'deals_lost', coalesce(d.deals_lost, 0), "
                          "  'revenue_won', " +
                              revenue_by_currency("r.tenant_id = $1 AND r.day = g.day") +
                              ") ORDER BY g.day))::text "
                              "FROM (SELECT generate_series($2::date, $3::date, interval '1 "
                              "day')::date AS day) g "
                              "LEFT JOIN metrics_daily d ON d.tenant_id = $1 AND d.day = g.day",
                          range),
                      range);
}

json metrics_sources(pqxx::transaction_base& tx, const metrics_range& range) {
    return with_range(
        run(tx,
            "SELECT json_build_object('sources', coalesce(json_agg(json_build_object("
            "  'source', source, 'leads', leads, "
            "  'average_score', score_sum::float8 / nullif(leads, 0), "
            "  'conversions', conversions, "
            "  'conversion_rate', conversions::float8 / nullif(leads, 0)) ORDER BY source), "
            "  '[]'))::text "
            "FROM (SELECT source, sum(leads) AS leads, sum(score_sum) AS score_sum, "
            "  sum(conversions) AS conversions FROM metrics_sources_daily WHERE " +
                in_range + " GROUP BY source HAVING sum(leads) <> 0) s",
            range),
        range);
}

json metrics_agents(pqxx::transaction_base& tx, const metrics_range& range) {
    return with_range(
        run(tx,
            "SELECT json_build_object('agents', coalesce(json_agg(json_build_object("
            "  'owner_id', owner_id, 'deals_created', created, 'deals_won', won, "
            "  'deals_lost', lost, 'revenue_won', " +
                revenue_by_currency(
                    "r.tenant_id = $1 AND r.owner_id = a.owner_id AND r.day BETWEEN $2::date "
                    "AND $3::date") +
                ", 'average_sales_cycle_days', cycle::float8 / nullif(won, 0)) "
                "  ORDER BY owner_id), '[]'))::text "
                "FROM (SELECT owner_id, sum(deals_created) AS created, sum(deals_won) AS won, "
                "  sum(deals_lost) AS lost, sum(won_cycle_days) AS cycle "
                "  FROM metrics_agents_daily WHERE " +
                in_range +
                " GROUP BY owner_id HAVING sum(deals_created) <> 0 OR sum(deals_won) <> 0 "
                "  OR sum(deals_lost) <> 0) a",
            range),
        range);
}

} // namespace ventros::projections
