#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/deal_queries.hpp"

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

// What a `consistency` token waits on (GCC 12 cannot build a braced list in a coroutine).
const std::vector<std::string> waits_on_pipelines{"pipelines"};

asio::awaitable<response> list_pipelines(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    auto consistency = co_await await_consistency(ctx, routes, waits_on_pipelines);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<nlohmann::json(pqxx::read_transaction&)> work =
        [tenant = who->tenant](pqxx::read_transaction& tx) {
            return projections::list_pipelines(tx, tenant);
        };
    auto pipelines = co_await run_query(routes, who->tenant, std::move(work));
    if (!pipelines) {
        co_return problem_response(ctx, pipelines.error());
    }
    co_return with_consistency(
        json_response(ctx, 200, {{"items", std::move(*pipelines)}, {"next_cursor", nullptr}}),
        *consistency);
}

/// `projections`: what a `consistency` token waits on.
read_target pipeline_target(std::vector<std::string> projections) {
    return {"pipeline_id", std::move(projections),
            domain_error_problem(domain::pipeline_error::not_found)};
}

} // namespace

void add_pipeline_query_routes(router& r, lead_routes_context& routes) {
    const std::string pipelines = "/v1/tenants/{tenant_id}/pipelines";
    r.add(http::verb::get, pipelines,
          [&routes](request_context& ctx) { return list_pipelines(ctx, routes); });
    r.add(http::verb::get, pipelines + "/{pipeline_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, pipeline_target({"pipelines"}), projections::find_pipeline);
    });
    r.add(http::verb::get, pipelines + "/{pipeline_id}/board", [&routes](request_context& ctx) {
        // The board shows the pipeline's deals: a token waits for both projections.
        return get_by_id(ctx, routes, pipeline_target({"pipelines", "deals"}),
                         projections::pipeline_board);
    });
}

} // namespace ventros::gateway
