#include "query_support.hpp"

#include "ventros/commands/position_token.hpp"
#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

namespace ventros::gateway {

problem invalid_query(std::string field, std::string reason) {
    problem p{422, "invalid-query", "Invalid query parameter", "a query parameter is invalid"};
    p.extensions["errors"] = nlohmann::json::array({{{"field", field}, {"reason", reason}}});
    return p;
}

std::optional<problem> unknown_parameter(const request_context& ctx,
                                         const std::vector<std::string_view>& known) {
    const std::set<std::string_view> allowed(known.begin(), known.end());
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

std::expected<int, problem> limit_query(const request_context& ctx) {
    auto limit = int_query(ctx, "limit", 1, 500);
    if (!limit) {
        return std::unexpected(std::move(limit.error()));
    }
    return limit->value_or(50);
}

std::expected<std::optional<std::string>, problem> id_cursor(const request_context& ctx,
                                                             std::string_view kind) {
    const auto cursor = query(ctx, "cursor");
    if (!cursor) {
        return std::nullopt;
    }
    auto id = decode_cursor(kind, *cursor);
    if (!id || !domain::is_uuid(*id)) {
        return std::unexpected(invalid_query("cursor", "is not a cursor of this list"));
    }
    return id;
}

std::expected<std::optional<int>, problem> version_cursor(const request_context& ctx,
                                                          std::string_view kind) {
    const auto cursor = query(ctx, "cursor");
    if (!cursor) {
        return std::nullopt;
    }
    const auto value = decode_cursor(kind, *cursor);
    int version = 0;
    if (!value ||
        std::from_chars(value->data(), value->data() + value->size(), version).ec != std::errc{}) {
        return std::unexpected(invalid_query("cursor", "is not a cursor of this list"));
    }
    return version;
}

boost::asio::awaitable<std::expected<std::string, problem>>
await_consistency(const request_context& ctx, lead_routes_context& routes,
                  std::vector<std::string> projections) {
    const auto token = query(ctx, "consistency");
    if (!token) {
        co_return std::string{};
    }
    const auto position = commands::parse_position_token(*token);
    if (!position) {
        co_return std::unexpected(invalid_query("consistency", "is not a position token"));
    }
    const auto deadline = std::chrono::steady_clock::now() + routes.consistency_timeout;
    for (auto& projection : projections) {
        const auto left = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       deadline - std::chrono::steady_clock::now()),
                                   std::chrono::milliseconds::zero());
        const bool reached = co_await routes.checkpoints.wait_until(
            std::move(projection), position->topic, position->partition, position->offset, left);
        if (!reached) {
            co_return std::string("stale");
        }
    }
    co_return std::string("caught-up");
}

response with_consistency(response res, const std::string& consistency) {
    if (!consistency.empty()) {
        res.set("Ventros-Consistency", consistency);
    }
    return res;
}

std::string page_body(const std::string& items, const std::optional<std::string>& next_cursor) {
    std::string body = R"({"items":)";
    body += items;
    body += R"(,"next_cursor":)";
    body += next_cursor ? nlohmann::json(*next_cursor).dump() : "null";
    body += "}";
    return body;
}

problem read_models_unavailable() {
    problem p{503, "unavailable", "Service unavailable", "the read models are unavailable"};
    p.headers.emplace_back("Retry-After", "1");
    return p;
}

boost::asio::awaitable<response> get_by_id(request_context& ctx, lead_routes_context& routes,
                                           read_target target, find_by_id find) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    const auto id = ctx.params.at(target.id_param);
    if (!domain::is_uuid(id)) {
        co_return problem_response(ctx, target.not_found);
    }
    auto consistency = co_await await_consistency(ctx, routes, std::move(target.projections));
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<std::optional<nlohmann::json>(pqxx::read_transaction&)> work =
        [tenant = who->tenant, id, find = std::move(find)](pqxx::read_transaction& tx) {
            return find(tx, tenant, id);
        };
    auto found = co_await run_query(routes, who->tenant, std::move(work));
    if (!found) {
        co_return problem_response(ctx, found.error());
    }
    if (!*found) {
        co_return problem_response(ctx, target.not_found);
    }
    auto res = json_response(ctx, 200, **found);
    if (const auto version = (*found)->find("version"); version != (*found)->end()) {
        res.set(http::field::etag, "\"" + version->dump() + "\"");
    }
    co_return with_consistency(std::move(res), *consistency);
}

boost::asio::awaitable<response> get_events(request_context& ctx, lead_routes_context& routes,
                                            read_target target, std::string cursor_kind,
                                            find_by_id find, list_events list) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto bad = unknown_parameter(ctx, {"limit", "cursor", "consistency"})) {
        co_return problem_response(ctx, *bad);
    }
    const auto id = ctx.params.at(target.id_param);
    if (!domain::is_uuid(id)) {
        co_return problem_response(ctx, target.not_found);
    }
    auto limit = limit_query(ctx);
    auto after_version = version_cursor(ctx, cursor_kind);
    if (!limit || !after_version) {
        co_return problem_response(ctx, !limit ? limit.error() : after_version.error());
    }
    auto consistency = co_await await_consistency(ctx, routes, std::move(target.projections));
    if (!consistency) {
        co_return problem_response(ctx, consistency.error());
    }
    std::function<std::optional<nlohmann::json>(pqxx::read_transaction&)> work =
        [tenant = who->tenant, id, n = *limit, after = *after_version, find = std::move(find),
         list = std::move(list)](pqxx::read_transaction& tx) -> std::optional<nlohmann::json> {
        if (!find(tx, tenant, id)) {
            return std::nullopt;
        }
        return list(tx, tenant, id, n, after);
    };
    auto page = co_await run_query(routes, who->tenant, std::move(work));
    if (!page) {
        co_return problem_response(ctx, page.error());
    }
    if (!*page) {
        co_return problem_response(ctx, target.not_found);
    }
    auto& next = (**page)["next_cursor"];
    if (next.is_number_integer()) {
        next = encode_cursor(cursor_kind, std::to_string(next.get<int>()));
    }
    co_return with_consistency(json_response(ctx, 200, **page), *consistency);
}

} // namespace ventros::gateway
