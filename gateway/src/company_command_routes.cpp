#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/company_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

namespace ventros::gateway {

void add_company_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "companies", std::move(decode));
    };
    const std::string companies = "/v1/tenants/{tenant_id}/companies";

    add(http::verb::post, companies, [](const request_context& ctx) {
        return as_crm_command(commands::decode_create_company(
            ctx.req.body(), domain::company_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, companies + "/{company_id}", [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_company(
            ctx.req.body(), domain::company_id(ctx.params.at("company_id"))));
    });
}

} // namespace ventros::gateway
