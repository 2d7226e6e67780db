#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/domain/project.hpp"
#include "ventros/projections/tenancy_queries.hpp"

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

// What a `consistency` token waits on (GCC 12 cannot build a braced list in a coroutine).
const std::vector<std::string> waits_on_tenancy{"tenancy"};

problem tenant_not_found() {
    return {404, std::string(domain::to_string(domain::project_error::not_found)),
            "Tenant not found", "Tenant not found"};
}

/// GET /v1/plans: public (plans are the same for everyone), no parameters.
asio::awaitable<response> list_plans(request_context& ctx, lead_routes_context& routes) {
    if (auto bad = unknown_parameter(ctx, {})) {
        co_return problem_response(ctx, *bad);
    }
    std::function<nlohmann::json(pqxx::read_transaction&)> work = [](pqxx::read_transaction& tx) {
        return projections::list_plans(tx);
    };
    try {
        auto plans = co_await routes.queries.run_global<nlohmann::json>(std::move(work));
        co_return json_response(ctx, 200, {{"items", std::move(plans)}});
    } catch (const database_unavailable&) {
    }
    co_return problem_response(ctx, read_models_unavailable());
}

/// GET /v1/tenants/{tenant_id}: the tenant's project, subscription, usage and limits.
asio::awaitable<response> get_tenant(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    auto consistency = co_await await_consistency(ctx, routes, waits_on_tenancy);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<std::optional<nlohmann::json>(pqxx::read_transaction&)> work =
        [tenant = who->tenant](pqxx::read_transaction& tx) {
            return projections::find_tenant(tx, tenant);
        };
    auto found = co_await run_query(routes, who->tenant, std::move(work));
    if (!found) {
        co_return problem_response(ctx, found.error());
    }
    if (!*found) {
        co_return problem_response(ctx, tenant_not_found());
    }
    auto res = json_response(ctx, 200, **found);
    res.set(http::field::etag, "\"" + (**found)["version"].dump() + "\"");
    co_return with_consistency(std::move(res), *consistency);
}

} // namespace

void add_tenancy_query_routes(router& r, lead_routes_context& routes) {
    r.add(http::verb::get, "/v1/plans",
          [&routes](request_context& ctx) { return list_plans(ctx, routes); });
    r.add(http::verb::get, "/v1/tenants/{tenant_id}",
          [&routes](request_context& ctx) { return get_tenant(ctx, routes); });
}

} // namespace ventros::gateway
