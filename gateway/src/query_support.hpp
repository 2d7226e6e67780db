#pragma once

#include "cursor.hpp"
#include "request_support.hpp"
#include "ventros/gateway/lead_routes.hpp"

#include <boost/asio/awaitable.hpp>
#include <charconv>
#include <cstdint>
#include <expected>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::gateway {

/// What the read-model (GET) routes share: query parameters, consistency waits and
/// running a query for the caller's tenant.

/// 422 "invalid-query" naming the parameter and why.
problem invalid_query(std::string field, std::string reason);

/// The first query parameter not in `known`, as an invalid-query problem.
std::optional<problem> unknown_parameter(const request_context& ctx,
                                         const std::vector<std::string_view>& known);

/// The query parameter's value, or nullopt when absent.
std::optional<std::string> query(const request_context& ctx, const std::string& name);

/// An integer query parameter within [min, max]; nullopt when absent, a problem when not
/// such an integer.
template <class Int>
std::expected<std::optional<Int>, problem> int_query(const request_context& ctx,
                                                     const std::string& name, Int min, Int max) {
    const auto text = query(ctx, name);
    if (!text) {
        return std::nullopt;
    }
    Int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
        return std::unexpected(invalid_query(
            name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)));
    }
    return value;
}

/// `limit` (1..500) or 50 when absent.
std::expected<int, problem> limit_query(const request_context& ctx);

/// The id after which a list page starts: `cursor` decoded as a cursor of `kind`
/// ("lead", "deal") holding a UUID; nullopt when absent.
std::expected<std::optional<std::string>, problem> id_cursor(const request_context& ctx,
                                                             std::string_view kind);

/// The version after which a journal page starts: `cursor` decoded as a cursor of
/// `kind` ("lead-event", "deal-event"); nullopt when absent.
std::expected<std::optional<int>, problem> version_cursor(const request_context& ctx,
                                                          std::string_view kind);

/// Waits (bounded by the routes' consistency timeout in all) for every one of
/// `projections` to pass the `consistency` token, if one was given. Returns the value of
/// the `Ventros-Consistency` header ("" without a token, "caught-up" or "stale"), or a
/// problem for a bad token.
boost::asio::awaitable<std::expected<std::string, problem>>
await_consistency(const request_context& ctx, lead_routes_context& routes,
                  std::vector<std::string> projections);

/// Sets `Ventros-Consistency` when a token was given.
response with_consistency(response res, const std::string& consistency);

/// The JSON text of a list page: `{"items": <items>, "next_cursor": <next>}`.
std::string page_body(const std::string& items, const std::optional<std::string>& next_cursor);

/// 503 "unavailable" for a query the read models could not answer.
problem read_models_unavailable();

/// Runs a read model query for the caller's tenant; 503 when PostgreSQL is unavailable.
/// Callers pass a named std::function, never a lambda converted in the co_await
/// expression: GCC 12 destroys such a temporary twice (fixed in GCC 13).
/// A read-model object found by tenant and id (nullopt: absent or not visible).
using find_by_id = std::function<std::optional<nlohmann::json>(
    pqxx::read_transaction&, const std::string& tenant, const std::string& id)>;

/// A page of an aggregate's event journal (`{items, next_cursor: <version> | null}`).
using list_events = std::function<nlohmann::json(pqxx::read_transaction&, const std::string& tenant,
                                                 const std::string& id, int limit,
                                                 std::optional<int> after_version)>;

/// Where a GET of one aggregate reads: the path parameter holding its id, the
/// projections a `consistency` token waits on, and the 404 for an id that is not a UUID
/// or not found.
struct read_target {
    std::string id_param;
    std::vector<std::string> projections;
    problem not_found;
};

/// GET of one object by its path id: authenticate, only `consistency` allowed, the 404 of
/// `target`, 200 with the JSON and, when it has a `version`, `ETag: "<version>"`.
boost::asio::awaitable<response> get_by_id(request_context& ctx, lead_routes_context& routes,
                                           read_target target, find_by_id find);

/// GET of an aggregate's events: as get_by_id (404 when `find` does not see the
/// aggregate), plus `limit` and a `cursor` of `cursor_kind`; the page's next_cursor is
/// encoded as such a cursor.
boost::asio::awaitable<response> get_events(request_context& ctx, lead_routes_context& routes,
                                            read_target target, std::string cursor_kind,
                                            find_by_id find, list_events list);

/// What a GET of a list reads: the query parameters it knows, the projections a
/// `consistency` token waits on, and the kind of its cursors.
struct list_target {
    std::vector<std::string_view> known_parameters;
    std::vector<std::string> projections;
    std::string cursor_kind;
};

/// GET of a list: authenticate, refuse unknown parameters, read the filter (`filter_of`
/// says which parameter is invalid), wait on a `consistency` token, run `list` for the
/// caller's tenant and answer `{"items": [...], "next_cursor": <cursor> | null}` with the
/// page's last id encoded as a cursor of the target's kind. `Page` has `items` (JSON
/// text) and `last_id`.
template <class Filter, class Page>
boost::asio::awaitable<response>
get_page(request_context& ctx, lead_routes_context& routes, list_target target,
         std::function<std::expected<Filter, problem>(const request_context&)> filter_of,
         Page (*list)(pqxx::transaction_base&, const Filter&)) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, target.known_parameters)) {
        co_return problem_response(ctx, *bad);
    }
    auto filter = filter_of(ctx);
    if (!filter) {
        co_return problem_response(ctx, filter.error());
    }
    filter->tenant_id = who->tenant;
    auto consistency = co_await await_consistency(ctx, routes, std::move(target.projections));
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<Page(pqxx::read_transaction&)> work = [filter = std::move(*filter),
                                                         list](pqxx::read_transaction& tx) {
        return list(tx, filter);
    };
    auto page = co_await run_query(routes, who->tenant, std::move(work));
    if (!page) {
        co_return problem_response(ctx, page.error());
    }
    const auto next = page->last_id
                          ? std::optional(encode_cursor(target.cursor_kind, *page->last_id))
                          : std::nullopt;
    co_return with_consistency(json_text_response(ctx, 200, page_body(page->items, next)),
                               *consistency);
}

template <class Result>
boost::asio::awaitable<std::expected<Result, problem>>
run_query(lead_routes_context& routes, const std::string& tenant,
          std::function<Result(pqxx::read_transaction&)> work) {
    try {
        co_return co_await routes.queries.run_for_tenant<Result>(tenant, std::move(work));
    } catch (const database_unavailable&) {
        co_return std::unexpected(read_models_unavailable());
    }
}

} // namespace ventros::gateway
