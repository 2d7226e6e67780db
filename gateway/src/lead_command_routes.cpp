#include "lead_routes_internal.hpp"
#include "request_support.hpp"
#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/commands/position_token.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/auth.hpp"
#include "ventros/gateway/lead_routes.hpp"
#include "ventros/gateway/write_problems.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;
using commands::decoded;

/// Turns the request body (and the lead id from the path, when there is one) into a
/// lead command, or says why it cannot.
using command_decoder = std::function<decoded<domain::lead_command>(const request_context&)>;

template <class Command>
decoded<domain::lead_command> widen(decoded<Command> d) {
    if (!d) {
        return std::unexpected(std::move(d.error()));
    }
    return decoded<domain::lead_command>(std::in_place, std::in_place_type<Command>, std::move(*d));
}

domain::lead_id path_lead(const request_context& ctx) {
    return domain::lead_id(ctx.params.at("lead_id"));
}

/// The answer to a command the writer accepted (or replayed from the idempotency window).
response command_response(const request_context& ctx, const std::string& tenant,
                          const commands::write_result& result) {
    auto res = json_response(ctx, result.status,
                             {{"id", result.aggregate_id},
                              {"version", result.version},
                              {"position", commands::format_position_token(result.position)}});
    res.set(http::field::etag, "\"" + std::to_string(result.version) + "\"");
    res.set(http::field::location, "/v1/tenants/" + tenant + "/leads/" + result.aggregate_id);
    if (result.replayed) {
        res.set("Idempotent-Replayed", "true");
    }
    return res;
}

/// The shared write path: authenticate, authorize, check headers, decode, submit, answer.
asio::awaitable<response> run_command(request_context& ctx, lead_routes_context& routes,
                                      const command_decoder& decode) {
    auto who = authorize(ctx, routes.jwt);
    if (!who) {
        co_return problem_response(ctx, who.error());
    }
    if (auto refused = require_writer(who->role)) {
        co_return problem_response(ctx, *refused);
    }
    if (const auto lead = ctx.params.find("lead_id");
        lead != ctx.params.end() && !domain::is_uuid(lead->second)) {
        co_return problem_response(ctx, lead_error_problem(domain::lead_error::not_found));
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
            ctx, who->tenant,
            {201, domain::subject_of(*command).str(), 1, {routes.topics.crm, 0, 0}, false});
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
    co_return command_response(ctx, who->tenant, *outcome);
}

} // namespace

void add_lead_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        r.add(verb, pattern, [&routes, decode = std::move(decode)](request_context& ctx) {
            return run_command(ctx, routes, decode);
        });
    };
    const std::string leads = "/v1/tenants/{tenant_id}/leads";
    const std::string lead = leads + "/{lead_id}";

    add(http::verb::post, leads, [](const request_context& ctx) {
        return widen(
            commands::decode_create_lead(ctx.req.body(), domain::lead_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, lead, [](const request_context& ctx) {
        return widen(commands::decode_update_lead(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/qualification", [](const request_context& ctx) {
        return widen(commands::decode_answer_bant(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/assignment", [](const request_context& ctx) {
        return widen(commands::decode_assign_lead(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/lost", [](const request_context& ctx) {
        return widen(commands::decode_mark_lead_lost(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/conversion", [&routes](const request_context& ctx) {
        return widen(commands::decode_convert_lead(ctx.req.body(), path_lead(ctx),
                                                   domain::deal_id(commands::new_uuid_v7()),
                                                   routes.allow_unqualified_conversion));
    });
}

} // namespace ventros::gateway
