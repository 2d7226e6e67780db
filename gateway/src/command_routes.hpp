#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/gateway/lead_routes.hpp"

#include <functional>
#include <string>

namespace ventros::gateway {

/// Turns a request (body and path) into a crm command, or says why it cannot. Ids the
/// server assigns are made here.
using command_decoder =
    std::function<commands::decoded<domain::crm_command>(const request_context&)>;

/// Widens the decoded command of one aggregate into a crm command.
template <class Command>
commands::decoded<domain::crm_command> as_crm_command(commands::decoded<Command> d) {
    if (!d) {
        return std::unexpected(std::move(d.error()));
    }
    return commands::decoded<domain::crm_command>(std::in_place, std::move(*d));
}

/// Registers a command endpoint. Every one runs the same path: authenticate, refuse
/// viewers, 404 for a path id (`lead_id`, `deal_id`, `pipeline_id`, `contact_id`,
/// `company_id`) that is not a UUID,
/// If-Match and Idempotency-Key, decode, submit to the writer, answer with id, version,
/// position, `ETag` and `Location: /v1/tenants/{t}/<collection>/<id>`. `collection` is
/// where the aggregate of the command's result lives (for a conversion: the new deal).
void add_command_route(router& r, lead_routes_context& routes, http::verb verb,
                       const std::string& pattern, std::string collection, command_decoder decode);

} // namespace ventros::gateway
