#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/deal_queries.hpp"

#include <limits>

namespace ventros::gateway {
namespace {

/// The filters of GET /deals, or the first invalid one.
std::expected<projections::deal_filter, problem> deal_filter_of(const request_context& ctx) {
    projections::deal_filter filter;
    filter.pipeline_id = query(ctx, "pipeline_id");
    if (filter.pipeline_id && !domain::is_uuid(*filter.pipeline_id)) {
        return std::unexpected(invalid_query("pipeline_id", "is not a pipeline id"));
    }
    filter.stage = query(ctx, "stage");
    filter.owner_id = query(ctx, "owner_id");
    filter.status = query(ctx, "status");
    if (filter.status && *filter.status != "open" && *filter.status != "won" &&
        *filter.status != "lost") {
        return std::unexpected(invalid_query("status", "must be open, won or lost"));
    }
    constexpr auto max_cents = std::numeric_limits<std::int64_t>::max();
    auto min_value = int_query<std::int64_t>(ctx, "min_value_cents", 0, max_cents);
    auto max_value = int_query<std::int64_t>(ctx, "max_value_cents", 0, max_cents);
    auto limit = limit_query(ctx);
    if (!min_value) {
        return std::unexpected(std::move(min_value.error()));
    }
    if (!max_value) {
        return std::unexpected(std::move(max_value.error()));
    }
    if (!limit) {
        return std::unexpected(std::move(limit.error()));
    }
    filter.min_value_cents = *min_value;
    filter.max_value_cents = *max_value;
    filter.limit = *limit;
    for (const auto& [name, date] : {std::pair{"expected_close_from", &filter.expected_close_from},
                                     std::pair{"expected_close_to", &filter.expected_close_to}}) {
        *date = query(ctx, name);
        if (*date && !projections::is_iso_date(**date)) {
            return std::unexpected(invalid_query(name, "must be a date (YYYY-MM-DD)"));
        }
    }
    auto after = id_cursor(ctx, "deal");
    if (!after) {
        return std::unexpected(std::move(after.error()));
    }
    filter.after_deal_id = std::move(*after);
    return filter;
}

list_target deals_list() {
    return {{"pipeline_id", "stage", "owner_id", "status", "min_value_cents", "max_value_cents",
             "expected_close_from", "expected_close_to", "limit", "cursor", "consistency"},
            {"deals"},
            "deal"};
}

read_target deal_target() {
    return {"deal_id", {"deals"}, domain_error_problem(domain::deal_error::not_found)};
}

} // namespace

void add_deal_query_routes(router& r, lead_routes_context& routes) {
    const std::string deals = "/v1/tenants/{tenant_id}/deals";
    r.add(http::verb::get, deals, [&routes](request_context& ctx) {
        return get_page<projections::deal_filter>(ctx, routes, deals_list(), deal_filter_of,
                                                  projections::list_deals);
    });
    r.add(http::verb::get, deals + "/{deal_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, deal_target(), projections::find_deal);
    });
    r.add(http::verb::get, deals + "/{deal_id}/events", [&routes](request_context& ctx) {
        return get_events(ctx, routes, deal_target(), "deal-event", projections::find_deal,
                          projections::list_deal_events);
    });
}

} // namespace ventros::gateway
