#include "command_routes.hpp"

#include "request_support.hpp"
#include "ventros/commands/position_token.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/auth.hpp"
#include "ventros/gateway/write_problems.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

/// The refusal for a path id that cannot name anything (not a UUID).
std::optional<problem> unknown_path_id(const request_context& ctx) {
    const std::pair<const char*, domain::crm_error> ids[] = {
        {"lead_id", domain::lead_error::not_found},
        {"deal_id", domain::deal_error::not_found},
        {"pipeline_id", domain::pipeline_error::not_found},
        {"contact_id", domain::contact_refusal(domain::contact_error::not_found)},
        {"company_id", domain::company_refusal(domain::company_error::not_found)},
        {"activity_id", domain::activity_error::not_found},
    };
    for (const auto& [name, error] : ids) {
        const auto found = ctx.params.find(name);
        if (found != ctx.params.end() && !domain::is_uuid(found->second)) {
            return domain_error_problem(error);
        }
    }
    return std::nullopt;
}

} // namespace

response command_response(const request_context& ctx, const std::string& location,
                          const commands::write_result& result, bool append_id) {
    nlohmann::json body{{"id", result.aggregate_id},
                        {"version", result.version},
                        {"position", commands::format_position_token(result.position)}};
    auto res = json_response(ctx, result.status, body);
    res.set(http::field::etag, "\"" + std::to_string(result.version) + "\"");
    res.set(http::field::location, append_id ? location + result.aggregate_id : location);
    if (result.replayed) {
        res.set("Idempotent-Replayed", "true");
    }
    return res;
}

std::expected<command_headers, problem> parse_command_headers(const request& req) {
    auto if_match = parse_if_match(req);
    if (!if_match) {
        return std::unexpected(if_match.error());
    }
    auto key = parse_idempotency_key(req);
    if (!key) {
        return std::unexpected(key.error());
    }
    return command_headers{*if_match, std::move(*key)};
}

domain::command_context command_context_now(std::string tenant, std::string user,
                                            domain::role role) {
    return {
        domain::tenant_id(std::move(tenant)), domain::user_id(std::move(user)), role,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
}

commands::write_request make_write_request(const request_context& ctx,
                                           const lead_routes_context& routes,
                                           domain::command_context context,
                                           domain::crm_command command, command_headers headers,
                                           std::string_view fingerprinted_body) {
    return commands::write_request{std::move(context),
                                   std::move(command),
                                   std::move(headers.idempotency_key),
                                   commands::request_fingerprint(ctx.req.method_string(),
                                                                 ctx.req.target(),
                                                                 fingerprinted_body),
                                   ctx.request_id,
                                   headers.if_match,
                                   std::chrono::steady_clock::now() + routes.command_timeout};
}

asio::awaitable<response> submit_command(request_context& ctx, lead_routes_context& routes,
                                         commands::write_request request, std::string location,
                                         bool append_id) {
    const auto outcome = co_await submit(routes.writer, std::move(request));
    if (!outcome) {
        co_return problem_response(ctx, write_failure_problem(outcome.error()));
    }
    ctx.command_id = outcome->command_id;
    co_return command_response(ctx, location, *outcome, append_id);
}

namespace {

asio::awaitable<response> run_command(request_context& ctx, lead_routes_context& routes,
                                      const std::string& collection,
                                      const command_decoder& decode) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto refused = require_writer(who->role)) {
        co_return problem_response(ctx, *refused);
    }
    if (auto unknown = unknown_path_id(ctx)) {
        co_return problem_response(ctx, *unknown);
    }
    auto headers = parse_command_headers(ctx.req);
    if (!headers) {
        co_return problem_response(ctx, headers.error());
    }
    auto command = decode(ctx);
    if (!command) {
        co_return problem_response(ctx, invalid_input_problem(command.error()));
    }
    // Project and subscription commands answer with the tenant itself as the location.
    const bool about_tenant = collection.empty();
    const auto location =
        "/v1/tenants/" + who->tenant + (about_tenant ? "" : "/" + collection + "/");
    if (routes.canned_writes) {
        // Benchmark baseline (the HTTP ceiling): everything above ran, nothing is stored.
        co_return command_response(
            ctx, location,
            {201, domain::aggregate_id_of(*command), 1, {routes.topics.crm, 0, 0}, false},
            !about_tenant);
    }
    auto request = make_write_request(ctx, routes,
                                      command_context_now(who->tenant, who->who.user_id, who->role),
                                      std::move(*command), std::move(*headers), ctx.req.body());
    co_return co_await submit_command(ctx, routes, std::move(request), location, !about_tenant);
}

} // namespace

void add_command_route(router& r, lead_routes_context& routes, http::verb verb,
                       const std::string& pattern, std::string collection, command_decoder decode) {
    r.add(verb, pattern,
          [&routes, collection = std::move(collection), decode = std::move(decode)](
              request_context& ctx) { return run_command(ctx, routes, collection, decode); });
}

} // namespace ventros::gateway
