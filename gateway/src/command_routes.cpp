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

/// The answer to a command the writer accepted (or replayed from the idempotency window).
response command_response(const request_context& ctx, const std::string& tenant,
                          const std::string& collection, const commands::write_result& result) {
    nlohmann::json body{{"id", result.aggregate_id},
                        {"version", result.version},
                        {"position", commands::format_position_token(result.position)}};
    auto res = json_response(ctx, result.status, body);
    res.set(http::field::etag, "\"" + std::to_string(result.version) + "\"");
    res.set(http::field::location,
            "/v1/tenants/" + tenant + "/" + collection + "/" + result.aggregate_id);
    if (result.replayed) {
        res.set("Idempotent-Replayed", "true");
    }
    return res;
}

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
    auto if_match = parse_if_match(ctx.req);
    if (!if_match) {
        co_return problem_response(ctx, if_match.error());
    }
    auto key = parse_idempotency_key(ctx.req);
    if (!key) {
        co_return problem_response(ctx, key.error());
    }
    auto command = decode(ctx);
    if (!command) {
        co_return problem_response(ctx, invalid_input_problem(command.error()));
    }
    if (routes.canned_writes) {
        // Benchmark baseline (the HTTP ceiling): everything above ran, nothing is stored.
        co_return command_response(
            ctx, who->tenant, collection,
            {201, domain::aggregate_id_of(*command), 1, {routes.topics.crm, 0, 0}, false});
    }

    commands::write_request request{
        domain::command_context{domain::tenant_id(who->tenant), domain::user_id(who->who.user_id),
                                who->role,
                                std::chrono::time_point_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now())},
        std::move(*command),
        std::move(*key),
        commands::request_fingerprint(ctx.req.method_string(), ctx.req.target(), ctx.req.body()),
        ctx.request_id,
        *if_match,
        std::chrono::steady_clock::now() + routes.command_timeout};

    const auto outcome = co_await submit(routes.writer, std::move(request));
    if (!outcome) {
        co_return problem_response(ctx, write_failure_problem(outcome.error()));
    }
    ctx.command_id = outcome->command_id;
    co_return command_response(ctx, who->tenant, collection, *outcome);
}

} // namespace

void add_command_route(router& r, lead_routes_context& routes, http::verb verb,
                       const std::string& pattern, std::string collection, command_decoder decode) {
    r.add(verb, pattern,
          [&routes, collection = std::move(collection), decode = std::move(decode)](
              request_context& ctx) { return run_command(ctx, routes, collection, decode); });
}

} // namespace ventros::gateway
