#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/pipeline_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

namespace ventros::gateway {
namespace {

domain::pipeline_id path_pipeline(const request_context& ctx) {
    return domain::pipeline_id(ctx.params.at("pipeline_id"));
}

std::string path_stage(const request_context& ctx) {
    return ctx.params.at("stage_id");
}

} // namespace

void add_pipeline_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "pipelines", std::move(decode));
    };
    const std::string pipelines = "/v1/tenants/{tenant_id}/pipelines";
    const std::string pipeline = pipelines + "/{pipeline_id}";
    const std::string stage = pipeline + "/stages/{stage_id}";

    add(http::verb::post, pipelines, [](const request_context& ctx) {
        return as_crm_command(commands::decode_create_pipeline(
            ctx.req.body(), domain::pipeline_id(commands::new_uuid_v7())));
    });
    add(http::verb::post, pipeline + "/stages", [](const request_context& ctx) {
        return as_crm_command(
            commands::decode_add_pipeline_stage(ctx.req.body(), path_pipeline(ctx)));
    });
    add(http::verb::patch, stage, [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_pipeline_stage(
            ctx.req.body(), path_pipeline(ctx), path_stage(ctx)));
    });
    add(http::verb::put, pipeline + "/stage-order", [](const request_context& ctx) {
        return as_crm_command(
            commands::decode_reorder_pipeline_stages(ctx.req.body(), path_pipeline(ctx)));
    });
    add(http::verb::delete_, stage, [](const request_context& ctx) {
        return commands::decoded<domain::crm_command>(domain::pipeline_command(
            domain::remove_pipeline_stage{path_pipeline(ctx), path_stage(ctx)}));
    });
}

} // namespace ventros::gateway
