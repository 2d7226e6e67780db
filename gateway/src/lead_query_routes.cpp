#include "cursor.hpp"
#include "lead_routes_internal.hpp"
#include "request_support.hpp"
#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/commands/position_token.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/lead_queries.hpp"

#include <charconv>
#include <set>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

constexpr std::string_view leads_projection = "leads";

problem invalid_query(std::string field, std::string reason) {
    problem p{422, "invalid-query", "Invalid query parameter", "a query parameter is invalid"};
    p.extensions["errors"] = nlohmann::json::array({{{"field", field}, {"reason", reason}}});
    return p;
}

std::optional<problem> unknown_parameter(const request_context& ctx,
                                         std::initializer_list<std::string_view> known) {
    const std::set<std::string_view> allowed(known);
    for (const auto& [name, value] : ctx.query) {
        if (!allowed.contains(name)) {
            return invalid_query(name, "is not a known query parameter");
        }
    }
    return std::nullopt;
}

std::optional<std::string> query(const request_context& ctx, const std::string& name) {
    const auto found = ctx.query.find(name);
    return found == ctx.query.end() ? std::nullopt : std::optional(found->second);
}

std::expected<std::optional<int>, problem> int_query(const request_context& ctx,
                                                     const std::string& name, int min, int max) {
    const auto text = query(ctx, name);
    if (!text) {
        return std::nullopt;
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
        return std::unexpected(invalid_query(
            name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)));
    }
    return value;
}

/// Waits (bounded) for the projector to pass the `consistency` token, if one was given.
/// Returns the value of the `Ventros-Consistency` header, or a problem for a bad token.
asio::awaitable<std::expected<std::string, problem>>
await_consistency(const request_context& ctx, lead_routes_context& routes) {
    const auto token = query(ctx, "consistency");
    if (!token) {
        co_return std::string{};
    }
    const auto position = commands::parse_position_token(*token);
    if (!position) {
        co_return std::unexpected(invalid_query("consistency", "is not a position token"));
    }
    std::string projection(leads_projection);
    const bool reached = co_await routes.checkpoints.wait_until(
        std::move(projection), position->topic, position->partition, position->offset,
        routes.consistency_timeout);
    co_return std::string(reached ? "caught-up" : "stale");
}

/// Runs a read model query for the caller's tenant; 503 when PostgreSQL is unavailable.
/// Callers pass a named std::function, never a lambda converted in the co_await
/// expression: GCC 12 destroys such a temporary twice (fixed in GCC 13).
template <class Result>
asio::awaitable<std::expected<Result, problem>>
read(lead_routes_context& routes, const std::string& tenant,
     std::function<Result(pqxx::read_transaction&)> work) {
    try {
        co_return co_await routes.queries.run_for_tenant<Result>(tenant, std::move(work));
    } catch (const database_unavailable&) {
        problem p{503, "unavailable", "Service unavailable", "the read models are unavailable"};
        p.headers.emplace_back("Retry-After", "1");
        co_return std::unexpected(std::move(p));
    }
}

response with_consistency(response res, const std::string& consistency) {
    if (!consistency.empty()) {
        res.set("Ventros-Consistency", consistency);
    }
    return res;
}

asio::awaitable<response> list_leads(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"stage", "min_score", "source", "assigned_to", "q",
                                           "limit", "cursor", "consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    projections::lead_filter filter;
    filter.tenant_id = who->tenant;
    if (auto stage = query(ctx, "stage")) {
        if (!commands::decode_stage(*stage)) {
            co_return problem_response(ctx, invalid_query("stage", "is not a known stage"));
        }
        filter.stage = std::move(*stage);
    }
    if (auto source = query(ctx, "source")) {
        if (!domain::parse_lead_source(*source)) {
            co_return problem_response(ctx, invalid_query("source", "is not a known source"));
        }
        filter.source = std::move(*source);
    }
    auto min_score = int_query(ctx, "min_score", 0, 1000);
    auto limit = int_query(ctx, "limit", 1, 500);
    if (!min_score || !limit) {
        co_return problem_response(ctx, !min_score ? min_score.error() : limit.error());
    }
    filter.min_score = *min_score;
    filter.limit = limit->value_or(50);
    filter.assigned_to = query(ctx, "assigned_to");
    if (auto q = query(ctx, "q")) {
        if (q->size() > 200) {
            co_return problem_response(ctx, invalid_query("q", "must be at most 200 bytes"));
        }
        filter.q = std::move(*q);
    }
    if (auto cursor = query(ctx, "cursor")) {
        auto after = decode_cursor("lead", *cursor);
        if (!after || !domain::is_uuid(*after)) {
            co_return problem_response(ctx,
                                       invalid_query("cursor", "is not a cursor of this list"));
        }
        filter.after_lead_id = std::move(*after);
    }
    auto consistency = co_await await_consistency(ctx, routes);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<projections::lead_page(pqxx::read_transaction&)> work =
        [filter](pqxx::read_transaction& tx) { return projections::list_leads(tx, filter); };
    auto page = co_await read(routes, who->tenant, std::move(work));
    if (!page) {
        co_return problem_response(ctx, page.error());
    }
    const nlohmann::json next =
        page->last_id ? nlohmann::json(encode_cursor("lead", *page->last_id)) : nullptr;
    std::string body = R"({"items":)";
    body += page->items;
    body += R"(,"next_cursor":)";
    body += next.dump();
    body += "}";
    co_return with_consistency(json_text_response(ctx, 200, std::move(body)), *consistency);
}

asio::awaitable<response> get_lead(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    const auto id = ctx.params.at("lead_id");
    if (!domain::is_uuid(id)) {
        co_return problem_response(ctx, lead_error_problem(domain::lead_error::not_found));
    }
    auto consistency = co_await await_consistency(ctx, routes);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<std::optional<nlohmann::json>(pqxx::read_transaction&)> work =
        [tenant = who->tenant, id](pqxx::read_transaction& tx) {
            return projections::find_lead(tx, tenant, id);
        };
    auto lead = co_await read(routes, who->tenant, std::move(work));
    if (!lead) {
        co_return problem_response(ctx, lead.error());
    }
    if (!*lead) {
        co_return problem_response(ctx, lead_error_problem(domain::lead_error::not_found));
    }
    auto res = json_response(ctx, 200, **lead);
    res.set(http::field::etag, "\"" + (**lead)["version"].dump() + "\"");
    co_return with_consistency(std::move(res), *consistency);
}

asio::awaitable<response> get_lead_events(request_context& ctx, lead_routes_context& routes) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"limit", "cursor", "consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    const auto id = ctx.params.at("lead_id");
    if (!domain::is_uuid(id)) {
        co_return problem_response(ctx, lead_error_problem(domain::lead_error::not_found));
    }
    auto limit = int_query(ctx, "limit", 1, 500);
    if (!limit) {
        co_return problem_response(ctx, limit.error());
    }
    std::optional<int> after_version;
    if (auto cursor = query(ctx, "cursor")) {
        const auto value = decode_cursor("lead-event", *cursor);
        int version = 0;
        if (!value || std::from_chars(value->data(), value->data() + value->size(), version).ec !=
                          std::errc{}) {
            co_return problem_response(ctx,
                                       invalid_query("cursor", "is not a cursor of this list"));
        }
        after_version = version;
    }
    auto consistency = co_await await_consistency(ctx, routes);
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    struct found {
        bool exists = false;
        nlohmann::json page;
    };
    std::function<found(pqxx::read_transaction&)> work =
        [tenant = who->tenant, id, n = limit->value_or(50),
         after_version](pqxx::read_transaction& tx) {
            if (!projections::find_lead(tx, tenant, id)) {
                return found{};
            }
            return found{true, projections::list_lead_events(tx, tenant, id, n, after_version)};
        };
    auto result = co_await read(routes, who->tenant, std::move(work));
    if (!result) {
        co_return problem_response(ctx, result.error());
    }
    if (!result->exists) {
        co_return problem_response(ctx, lead_error_problem(domain::lead_error::not_found));
    }
    auto& page = result->page;
    auto& next = page["next_cursor"];
    if (next.is_number_integer()) {
        next = encode_cursor("lead-event", std::to_string(next.get<int>()));
    }
    co_return with_consistency(json_response(ctx, 200, page), *consistency);
}

} // namespace

void add_lead_query_routes(router& r, lead_routes_context& routes) {
    const std::string leads = "/v1/tenants/{tenant_id}/leads";
    r.add(http::verb::get, leads,
          [&routes](request_context& ctx) { return list_leads(ctx, routes); });
    r.add(http::verb::get, leads + "/{lead_id}",
          [&routes](request_context& ctx) { return get_lead(ctx, routes); });
    r.add(http::verb::get, leads + "/{lead_id}/events",
          [&routes](request_context& ctx) { return get_lead_events(ctx, routes); });
}

void add_lead_routes(router& r, lead_routes_context& routes) {
    add_lead_command_routes(r, routes);
    add_lead_query_routes(r, routes);
}

} // namespace ventros::gateway
