#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/deal_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

namespace ventros::gateway {
namespace {

domain::deal_id path_deal(const request_context& ctx) {
    return domain::deal_id(ctx.params.at("deal_id"));
}

} // namespace

void add_deal_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "deals", std::move(decode));
    };
    const std::string deals = "/v1/tenants/{tenant_id}/deals";
    const std::string deal = deals + "/{deal_id}";

    add(http::verb::post, deals, [](const request_context& ctx) {
        return as_crm_command(
            commands::decode_create_deal(ctx.req.body(), domain::deal_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, deal, [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_deal(ctx.req.body(), path_deal(ctx)));
    });
    add(http::verb::post, deal + "/stage", [](const request_context& ctx) {
        return as_crm_command(commands::decode_move_deal_stage(ctx.req.body(), path_deal(ctx)));
    });
    add(http::verb::post, deal + "/won", [](const request_context& ctx) {
        return as_crm_command(commands::decode_win_deal(ctx.req.body(), path_deal(ctx)));
    });
    add(http::verb::post, deal + "/lost", [](const request_context& ctx) {
        return as_crm_command(commands::decode_lose_deal(ctx.req.body(), path_deal(ctx)));
    });
    add(http::verb::post, deal + "/reopen", [](const request_context& ctx) {
        return as_crm_command(commands::decode_reopen_deal(ctx.req.body(), path_deal(ctx)));
    });
}

} // namespace ventros::gateway
