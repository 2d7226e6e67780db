#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/lead_queries.hpp"

namespace ventros::gateway {
namespace {

/// The filters of GET /leads, or the first invalid one.
std::expected<projections::lead_filter, problem> lead_filter_of(const request_context& ctx) {
    projections::lead_filter filter;
    if (auto stage = query(ctx, "stage")) {
        if (!commands::decode_stage(*stage)) {
            return std::unexpected(invalid_query("stage", "is not a known stage"));
        }
        filter.stage = std::move(*stage);
    }
    if (auto source = query(ctx, "source")) {
        if (!domain::parse_lead_source(*source)) {
            return std::unexpected(invalid_query("source", "is not a known source"));
        }
        filter.source = std::move(*source);
    }
    auto min_score = int_query(ctx, "min_score", 0, 1000);
    auto limit = limit_query(ctx);
    auto after = id_cursor(ctx, "lead");
    if (!min_score || !limit || !after) {
        return std::unexpected(!min_score ? min_score.error()
                               : !limit   ? limit.error()
                                          : after.error());
    }
    filter.min_score = *min_score;
    filter.limit = *limit;
    filter.after_lead_id = std::move(*after);
    filter.assigned_to = query(ctx, "assigned_to");
    if (auto q = query(ctx, "q")) {
        if (q->size() > 200) {
            return std::unexpected(invalid_query("q", "must be at most 200 bytes"));
        }
        filter.q = std::move(*q);
    }
    return filter;
}

list_target leads_list() {
    return {{"stage", "min_score", "source", "assigned_to", "q", "limit", "cursor", "consistency"},
            {"leads"},
            "lead"};
}

read_target lead_target() {
    return {"lead_id", {"leads"}, lead_error_problem(domain::lead_error::not_found)};
}

} // namespace

void add_lead_query_routes(router& r, lead_routes_context& routes) {
    const std::string leads = "/v1/tenants/{tenant_id}/leads";
    r.add(http::verb::get, leads, [&routes](request_context& ctx) {
        return get_page<projections::lead_filter>(ctx, routes, leads_list(), lead_filter_of,
                                                  projections::list_leads);
    });
    r.add(http::verb::get, leads + "/{lead_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, lead_target(), projections::find_lead);
    });
    r.add(http::verb::get, leads + "/{lead_id}/events", [&routes](request_context& ctx) {
        return get_events(ctx, routes, lead_target(), "lead-event", projections::find_lead,
                          projections::list_lead_events);
    });
}

void add_lead_routes(router& r, lead_routes_context& routes) {
    add_tenancy_command_routes(r, routes);
    add_lead_command_routes(r, routes);
    add_lead_query_routes(r, routes);
    add_deal_command_routes(r, routes);
    add_deal_query_routes(r, routes);
    add_pipeline_command_routes(r, routes);
    add_pipeline_query_routes(r, routes);
    add_metrics_query_routes(r, routes);
    add_contact_command_routes(r, routes);
    add_company_command_routes(r, routes);
    add_contact_query_routes(r, routes);
    add_activity_command_routes(r, routes);
    add_activity_query_routes(r, routes);
    add_tenancy_query_routes(r, routes);
}

} // namespace ventros::gateway
