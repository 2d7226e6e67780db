#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/deal_command_decoder.hpp"
#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

namespace ventros::gateway {
namespace {

domain::lead_id path_lead(const request_context& ctx) {
    return domain::lead_id(ctx.params.at("lead_id"));
}

} // namespace

void add_lead_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "leads", std::move(decode));
    };
    const std::string leads = "/v1/tenants/{tenant_id}/leads";
    const std::string lead = leads + "/{lead_id}";

    add(http::verb::post, leads, [](const request_context& ctx) {
        return as_crm_command(
            commands::decode_create_lead(ctx.req.body(), domain::lead_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, lead, [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_lead(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/qualification", [](const request_context& ctx) {
        return as_crm_command(commands::decode_answer_bant(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/assignment", [](const request_context& ctx) {
        return as_crm_command(commands::decode_assign_lead(ctx.req.body(), path_lead(ctx)));
    });
    add(http::verb::post, lead + "/lost", [](const request_context& ctx) {
        return as_crm_command(commands::decode_mark_lead_lost(ctx.req.body(), path_lead(ctx)));
    });
    // A conversion creates a deal: its answer is the new deal (201, Location /deals/{id}).
    add_command_route(r, routes, http::verb::post, lead + "/conversion", "deals",
                      [&routes](const request_context& ctx) {
                          return as_crm_command(commands::decode_lead_conversion(
                              ctx.req.body(), path_lead(ctx),
                              domain::deal_id(commands::new_uuid_v7()),
                              routes.allow_unqualified_conversion));
                      });
}

} // namespace ventros::gateway
