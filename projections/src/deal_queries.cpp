#include "ventros/projections/deal_queries.hpp"

#include "query_text.hpp"
#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using detail::param;
using detail::rfc3339;
using nlohmann::json;

// PostgreSQL builds each item, so a page is one query whatever its size.
std::string deal_object() {
    return "json_build_object("
           "'id', deal_id, 'title', title, 'value_cents', value_cents, 'currency', currency, "
           "'pipeline_id', pipeline_id, 'stage', stage, 'probability', probability, "
           "'probability_overridden', probability_overridden, 'status', status, "
           "'owner_id', owner_id, 'lead_id', lead_id, 'company_id', company_id, "
           "'expected_close', expected_close, 'lost_reason', lost_reason, "
           "'created_by', created_by, 'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") + ", 'won_at', " +
           rfc3339("won_at") + ", 'lost_at', " + rfc3339("lost_at") + ", 'version', version)";
}

std::string pipeline_object() {
    // `is_default` in a row means "created as the default"; the tenant's default is the
    // latest such pipeline, as the writer decides it (sales_store).
    return "json_build_object('id', pipeline_id, 'name', name, 'is_default', coalesce(pipeline_id "
           "= (SELECT d.pipeline_id FROM pipelines d WHERE d.tenant_id = pipelines.tenant_id AND "
           "d.is_default ORDER BY d.created_at DESC, d.pipeline_id DESC LIMIT 1), false), "
           "'stages', stages, 'version', version, 'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") + ")";
}

void check_filter(const deal_filter& filter) {
    for (const auto* id : {&filter.pipeline_id, &filter.after_deal_id}) {
        if (*id && !domain::is_uuid(**id)) {
            throw std::invalid_argument("deal filter id is not a UUID: " + **id);
        }
    }
    for (const auto* date : {&filter.expected_close_from, &filter.expected_close_to}) {
        if (*date && !is_iso_date(**date)) {
            throw std::invalid_argument("deal filter date is not YYYY-MM-DD: " + **date);
        }
    }
}

// Per currency: raw and weighted sums of the open deals in `deals` (a CTE or subquery).
std::string values_by_currency(const std::string& deals) {
    return "(SELECT coalesce(json_agg(json_build_object('currency', currency, 'raw_cents', raw, "
           "'weighted_cents', weighted) ORDER BY currency), '[]') FROM (SELECT currency, "
           "sum(value_cents) AS raw, sum(weighted_cents) AS weighted FROM " +
           deals + " GROUP BY currency) v)";
}

} // namespace

bool is_iso_date(std::string_view text) noexcept {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const auto number = [&](std::size_t at, std::size_t length) {
        unsigned value = 0;
        const auto* end = text.data() + at + length;
        const auto [ptr, ec] = std::from_chars(text.data() + at, end, value);
        return ec == std::errc{} && ptr == end ? std::optional(value) : std::nullopt;
    };
    const auto y = number(0, 4);
    const auto m = number(5, 2);
    const auto d = number(8, 2);
    return y && m && d &&
           std::chrono::year_month_day(std::chrono::year(static_cast<int>(*y)),
                                       std::chrono::month(*m), std::chrono::day(*d))
               .ok();
}

deal_page list_deals(pqxx::transaction_base& tx, const deal_filter& filter) {
    check_filter(filter);
    const int limit = std::clamp(filter.limit, 1, detail::max_page_size);
    const auto min_value = param(filter.min_value_cents);
    const auto max_value = param(filter.max_value_cents);
    const auto rows = tx.exec_params(
        "SELECT deal_id::text, " + deal_object() +
            "::text FROM deals "
            "WHERE tenant_id = $1 "
            "AND ($2::uuid IS NULL OR pipeline_id = $2::uuid) "
            "AND ($3::text IS NULL OR stage = $3) "
            "AND ($4::text IS NULL OR owner_id = $4) "
            "AND ($5::text IS NULL OR status = $5) "
            "AND ($6::bigint IS NULL OR value_cents >= $6) "
            "AND ($7::bigint IS NULL OR value_cents <= $7) "
            "AND ($8::date IS NULL OR expected_close >= $8::date) "
            "AND ($9::date IS NULL OR expected_close <= $9::date) "
            "AND ($10::uuid IS NULL OR deal_id < $10::uuid) "
            "ORDER BY deal_id DESC LIMIT $11",
        filter.tenant_id, param(filter.pipeline_id), param(filter.stage), param(filter.owner_id),
        param(filter.status), param(min_value), param(max_value), param(filter.expected_close_from),
        param(filter.expected_close_to), param(filter.after_deal_id), limit + 1);
    auto page = detail::page_of(rows, limit);
    return {std::move(page.items), std::move(page.last_id)};
}

std::optional<json> find_deal(pqxx::transaction_base& tx, const std::string& tenant_id,
                              const std::string& deal_id) {
    return detail::find_object(tx, deal_object(), "deals", "deal_id", tenant_id, deal_id);
}

json list_deal_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                      const std::string& deal_id, int limit, std::optional<int> after_version) {
    return detail::list_journal(tx, "deal_events", "deal_id", tenant_id, deal_id, limit,
                                after_version);
}

json list_pipelines(pqxx::transaction_base& tx, const std::string& tenant_id) {
    return json::parse(tx.exec_params1("SELECT coalesce(json_agg(" + pipeline_object() +
                                           " ORDER BY pipeline_id), '[]')::text FROM pipelines "
                                           "WHERE tenant_id = $1",
                                       tenant_id)[0]
                           .c_str());
}

std::optional<json> find_pipeline(pqxx::transaction_base& tx, const std::string& tenant_id,
                                  const std::string& pipeline_id) {
    return detail::find_object(tx, pipeline_object(), "pipelines", "pipeline_id", tenant_id,
                               pipeline_id);
}

std::optional<json> pipeline_board(pqxx::transaction_base& tx, const std::string& tenant_id,
                                   const std::string& pipeline_id) {
    if (!domain::is_uuid(pipeline_id)) {
        return std::nullopt;
    }
    // One statement: the pipeline's stages, its open deals (with their weighted value),
    // then per stage and in total the counts, the sums per currency and the newest deals.
    const std::string stage_deals = "(SELECT * FROM open_deals d WHERE d.stage = s.id)";
    return detail::one_json(tx.exec_params(
        "WITH p AS (SELECT pipeline_id, name, stages FROM pipelines "
        "           WHERE tenant_id = $1 AND pipeline_id = $2::uuid), "
        "s AS (SELECT st.value->>'id' AS id, st.value->>'name' AS name, "
        "             (st.value->>'probability')::int AS probability, "
        "             (st.ordinality - 1)::int AS position "
        "      FROM p, jsonb_array_elements(p.stages) WITH ORDINALITY AS st), "
        "open_deals AS (SELECT d.*, floor(d.value_cents::numeric * d.probability / 100) "
        "                      AS weighted_cents "
        "               FROM deals d JOIN p ON d.pipeline_id = p.pipeline_id "
        "               WHERE d.tenant_id = $1 AND d.status = 'open' "
        "               AND d.stage IN (SELECT id FROM s)) "
        "SELECT json_build_object('pipeline_id', p.pipeline_id, 'name', p.name, "
        "  'stages', (SELECT coalesce(json_agg(json_build_object("
        "      'id', s.id, 'name', s.name, 'probability', s.probability, "
        "      'order', s.position, "
        "      'open_deals', (SELECT count(*) FROM open_deals d WHERE d.stage = s.id), "
        "      'values', " +
            values_by_currency(stage_deals + " sd") +
            ", "
            "      'deals', (SELECT coalesce(json_agg(" +
            deal_object() +
            " ORDER BY deal_id DESC), '[]') FROM (SELECT * FROM open_deals d "
            "         WHERE d.stage = s.id ORDER BY d.deal_id DESC LIMIT $3) newest)"
            "    ) ORDER BY s.position), '[]') FROM s), "
            "  'totals', json_build_object('open_deals', (SELECT count(*) FROM open_deals), "
            "      'values', " +
            values_by_currency("open_deals") + "))::text FROM p",
        tenant_id, pipeline_id, board_deals_per_stage));
}

} // namespace ventros::projections
