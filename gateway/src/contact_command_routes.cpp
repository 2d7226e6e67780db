#include "command_routes.hpp"
#include "lead_routes_internal.hpp"
#include "ventros/commands/contact_command_decoder.hpp"
#include "ventros/commands/uuid.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::gateway {
namespace {

domain::contact_id path_contact(const request_context& ctx) {
    return domain::contact_id(ctx.params.at("contact_id"));
}

/// A path id as links keep it: lower case (add_command_route has checked it is a UUID).
std::string lower_case(std::string id) {
    std::ranges::transform(id, id.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return id;
}

/// DELETE of a link: the link is in the path, so there is no body to read.
commands::decoded<domain::crm_command> unlink(const request_context& ctx,
                                              domain::contact_link link) {
    if (!ctx.req.body().empty()) {
        return std::unexpected(commands::invalid_input{commands::invalid_input::kind::invalid,
                                                       "DELETE takes no body",
                                                       {{"", "must be empty"}}});
    }
    return domain::crm_command(
        domain::contact_command(domain::unlink_contact{path_contact(ctx), std::move(link)}));
}

} // namespace

void add_contact_command_routes(router& r, lead_routes_context& routes) {
    const auto add = [&](http::verb verb, const std::string& pattern, command_decoder decode) {
        add_command_route(r, routes, verb, pattern, "contacts", std::move(decode));
    };
    const std::string contacts = "/v1/tenants/{tenant_id}/contacts";
    const std::string contact = contacts + "/{contact_id}";

    add(http::verb::post, contacts, [](const request_context& ctx) {
        return as_crm_command(commands::decode_create_contact(
            ctx.req.body(), domain::contact_id(commands::new_uuid_v7())));
    });
    add(http::verb::patch, contact, [](const request_context& ctx) {
        return as_crm_command(commands::decode_update_contact(ctx.req.body(), path_contact(ctx)));
    });
    add(http::verb::post, contact + "/links", [](const request_context& ctx) {
        return as_crm_command(commands::decode_link_contact(ctx.req.body(), path_contact(ctx)));
    });
    add(http::verb::delete_, contact + "/links/leads/{lead_id}", [](const request_context& ctx) {
        return unlink(ctx, domain::lead_id(lower_case(ctx.params.at("lead_id"))));
    });
    add(http::verb::delete_, contact + "/links/deals/{deal_id}", [](const request_context& ctx) {
        return unlink(ctx, domain::deal_id(lower_case(ctx.params.at("deal_id"))));
    });
    // Only admins and managers merge (the domain refuses agents with 403).
    add(http::verb::post, contact + "/merge", [](const request_context& ctx) {
        return as_crm_command(commands::decode_merge_contacts(ctx.req.body(), path_contact(ctx)));
    });
}

} // namespace ventros::gateway
