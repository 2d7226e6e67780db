#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/activity_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

namespace ventros::gateway {
namespace {

domain::activity_id path_activity(const request_context& ctx) {
    return domain::activity_id(ctx.params.at("activity_id"));
}

} // namespace

void add_activity_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "activities", std::move(decode));
    };
    const std::string activities = "/v1/tenants/{tenant_id}/activities";
    const std::string activity = activities + "/{activity_id}";

    add(http::verb::post, activities, [](const request_context& ctx) {
        return as_crm_command(commands::decode_create_activity(
            ctx.req.body(), domain::activity_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, activity, [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_activity(ctx.req.body(), path_activity(ctx)));
    });
    add(http::verb::post, activity + "/completion", [](const request_context& ctx) {
        return as_crm_command(
            commands::decode_complete_activity(ctx.req.body(), path_activity(ctx)));
    });
    add(http::verb::post, activity + "/reopen", [](const request_context& ctx) {
        return as_crm_command(commands::decode_reopen_activity(ctx.req.body(), path_activity(ctx)));
    });
}

} // namespace ventros::gateway
