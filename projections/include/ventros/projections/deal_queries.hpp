#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>

namespace ventros::projections {

/// The read side of deals and pipelines, for the gateway. Same conventions as
/// lead_queries.hpp: every function runs inside a transaction the caller has scoped to
/// the tenant as ventros_reader (row-level security isolates tenants), PostgreSQL builds
/// the JSON, database failures throw pqxx exceptions.
///
/// Deal JSON: id, title, value_cents, currency, pipeline_id, stage, probability,
/// probability_overridden, status (open|won|lost), owner_id, lead_id, company_id,
/// expected_close (YYYY-MM-DD), lost_reason, created_by, created_at, updated_at, won_at,
/// lost_at (RFC 3339 UTC ms), version; absent values are null.
/// Pipeline JSON: id, name, is_default, stages ([{id, name, probability}] in board
/// order), version, created_at, updated_at.

/// True for a calendar date written YYYY-MM-DD (what deal dates are).
bool is_iso_date(std::string_view text) noexcept;

struct deal_filter {
    std::string tenant_id;
    std::optional<std::string> pipeline_id; ///< a UUID
    std::optional<std::string> stage, owner_id;
    std::optional<std::string> status;                                 ///< open, won or lost
    std::optional<std::int64_t> min_value_cents, max_value_cents;      ///< inclusive
    std::optional<std::string> expected_close_from, expected_close_to; ///< YYYY-MM-DD, inclusive
    int limit = 50;                                                    ///< clamped to 1..500
    std::optional<std::string> after_deal_id; ///< deals with a smaller id (next page)
};

/// A page of deals, as text ready to send.
struct deal_page {
    std::string items;                  ///< JSON array of deal objects, newest first
    std::optional<std::string> last_id; ///< the last item's id when more follow, else nullopt
};

/// Deals matching `filter`, newest first (deal ids are UUIDv7). Throws
/// std::invalid_argument when `pipeline_id` or `after_deal_id` is not a UUID or a date is
/// not YYYY-MM-DD (the gateway checks them first).
deal_page list_deals(pqxx::transaction_base& tx, const deal_filter& filter);

/// The deal, or nullopt when absent, not visible, or `deal_id` is not a UUID.
std::optional<nlohmann::json> find_deal(pqxx::transaction_base& tx, const std::string& tenant_id,
                                        const std::string& deal_id);

/// `{ "items": [{id, type, version, time, actor, data}...], "next_cursor": <version> | null }`
/// by version ascending, after `after_version` when given; `limit` clamped to 1..500.
nlohmann::json list_deal_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                                const std::string& deal_id, int limit,
                                std::optional<int> after_version);

/// The tenant's pipelines, oldest first (pipeline ids are UUIDv7), as a JSON array.
nlohmann::json list_pipelines(pqxx::transaction_base& tx, const std::string& tenant_id);

/// The pipeline, or nullopt when absent, not visible, or `pipeline_id` is not a UUID.
std::optional<nlohmann::json> find_pipeline(pqxx::transaction_base& tx,
                                            const std::string& tenant_id,
                                            const std::string& pipeline_id);

/// The pipeline's open deals by stage, or nullopt as find_pipeline:
/// `{pipeline_id, name, stages: [{id, name, probability, order (0-based), open_deals,
/// values: [{currency, raw_cents, weighted_cents}], deals: [the stage's first 50 open
/// deals, newest first]}], totals: {open_deals, values: [...]}}`. Values are summed per
/// currency (ordered by currency); a deal's weighted value is value_cents * probability /
/// 100 rounded down, per deal, before summing. Deals in a stage the pipeline no longer
/// has are left out.
std::optional<nlohmann::json> pipeline_board(pqxx::transaction_base& tx,
                                             const std::string& tenant_id,
                                             const std::string& pipeline_id);

/// How many open deals a board stage lists at most.
inline constexpr int board_deals_per_stage = 50;

} // namespace ventros::projections
