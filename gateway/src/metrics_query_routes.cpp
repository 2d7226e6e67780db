#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/domain/time.hpp"
#include "ventros/projections/metrics_queries.hpp"

#include <chrono>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;
using std::chrono::days;
using std::chrono::sys_days;

/// Without `from`, a range ends `default_days` days back (today included); a range may
/// hold at most `max_days` days.
constexpr int default_days = 30;
constexpr int max_days = 366;

// What a `consistency` token waits on (GCC 12 cannot build a braced list in a coroutine).
const std::vector<std::string> waits_on_metrics{"metrics"};
// The funnel names and orders stages from the pipelines read model.
const std::vector<std::string> waits_on_funnel{"metrics", "pipelines"};

/// The date in query parameter `name`; nullopt when absent.
std::expected<std::optional<sys_days>, problem> date_query(const request_context& ctx,
                                                           const std::string& name) {
    const auto text = query(ctx, name);
    if (!text) {
        return std::nullopt;
    }
    const auto date = domain::parse_date(*text);
    if (!date) {
        return std::unexpected(invalid_query(name, "must be a date (YYYY-MM-DD)"));
    }
    return date;
}

/// `from` and `to` (inclusive): `to` defaults to `today` (UTC), `from` to the 30 days
/// ending at `to`; from after to, or more than 366 days, is invalid.
std::expected<projections::metrics_range, problem> range_of(const request_context& ctx,
                                                            sys_days today) {
    auto from = date_query(ctx, "from");
    auto to = date_query(ctx, "to");
    if (!from) {
        return std::unexpected(std::move(from.error()));
    }
    if (!to) {
        return std::unexpected(std::move(to.error()));
    }
    const auto last = to->value_or(today);
    const auto first = from->value_or(last - days{default_days - 1});
    if (first > last) {
        return std::unexpected(invalid_query("from", "must not be after to"));
    }
    if ((last - first).count() >= max_days) {
        return std::unexpected(
            invalid_query("to", "the range must not exceed " + std::to_string(max_days) + " days"));
    }
    return projections::metrics_range{.from = domain::format_date(first),
                                      .to = domain::format_date(last)};
}

using metrics_query = nlohmann::json (*)(pqxx::transaction_base&,
                                         const projections::metrics_range&);

/// GET of a metrics view: authenticate (any role of the tenant reads metrics), only
/// `from`, `to` and `consistency` allowed, wait on a `consistency` token for `waits_on`,
/// 200 with what `run` builds.
asio::awaitable<response> get_metrics(request_context& ctx, lead_routes_context& routes,
                                      const std::vector<std::string>& waits_on, metrics_query run) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"from", "to", "consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    const auto today = std::chrono::floor<days>(std::chrono::system_clock::now());
    auto range = range_of(ctx, today);
    if (!range) {
        co_return problem_response(ctx, range.error());
    }
    range->tenant_id = who->tenant;
    auto consistency = co_await await_consistency(ctx, routes, waits_on);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<nlohmann::json(pqxx::read_transaction&)> work =
        [range = std::move(*range), run](pqxx::read_transaction& tx) { return run(tx, range); };
    auto body = co_await run_query(routes, who->tenant, std::move(work));
    if (!body) {
        co_return problem_response(ctx, body.error());
    }
    co_return with_consistency(json_response(ctx, 200, *body), *consistency);
}

} // namespace

void add_metrics_query_routes(router& r, lead_routes_context& routes) {
    const std::string metrics = "/v1/tenants/{tenant_id}/metrics";
    r.add(http::verb::get, metrics + "/overview", [&routes](request_context& ctx) {
        return get_metrics(ctx, routes, waits_on_metrics, projections::metrics_overview);
    });
    r.add(http::verb::get, metrics + "/funnel", [&routes](request_context& ctx) {
        return get_metrics(ctx, routes, waits_on_funnel, projections::metrics_funnel);
    });
    r.add(http::verb::get, metrics + "/daily", [&routes](request_context& ctx) {
        return get_metrics(ctx, routes, waits_on_metrics, projections::metrics_daily);
    });
    r.add(http::verb::get, metrics + "/sources", [&routes](request_context& ctx) {
        return get_metrics(ctx, routes, waits_on_metrics, projections::metrics_sources);
    });
    r.add(http::verb::get, metrics + "/agents", [&routes](request_context& ctx) {
        return get_metrics(ctx, routes, waits_on_metrics, projections::metrics_agents);
    });
}

} // namespace ventros::gateway
