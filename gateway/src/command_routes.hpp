#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/gateway/lead_routes.hpp"
#include "ventros/gateway/problem.hpp"

#include <boost/asio/awaitable.hpp>
#include <expected>
#include <functional>
#include <optional>
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

/// The command headers of a request: If-Match and Idempotency-Key.
struct command_headers {
    std::optional<std::uint32_t> if_match;
    std::string idempotency_key;
};
std::expected<command_headers, problem> parse_command_headers(const request& req);

/// Who acts, in which tenant (empty for commands above tenants), now.
domain::command_context command_context_now(std::string tenant, std::string user,
                                            domain::role role);

/// A write request for the command with the request's headers and id. The fingerprint
/// that tells a retry from a different request reuses method, target and
/// `fingerprinted_body` (the body, or the body without secrets such as a password).
commands::write_request make_write_request(const request_context& ctx,
                                           const lead_routes_context& routes,
                                           domain::command_context context,
                                           domain::crm_command command, command_headers headers,
                                           std::string_view fingerprinted_body);

/// Submits to the writer and answers as every command route does: id, version,
/// position, `ETag`, `Location` (`location` followed by the id when `append_id`),
/// `Idempotent-Replayed`; a refusal as its problem.
boost::asio::awaitable<response> submit_command(request_context& ctx, lead_routes_context& routes,
                                                commands::write_request request,
                                                std::string location, bool append_id = true);

/// The answer to a command the writer accepted (or replayed from the idempotency window).
response command_response(const request_context& ctx, const std::string& location,
                          const commands::write_result& result, bool append_id = true);

/// Registers a command endpoint. Every one runs the same path: authenticate, refuse
/// viewers, 404 for a path id (`lead_id`, `deal_id`, `pipeline_id`, `contact_id`,
/// `company_id`) that is not a UUID,
/// If-Match and Idempotency-Key, decode, submit to the writer, answer with id, version,
/// position, `ETag` and `Location: /v1/tenants/{t}/<collection>/<id>` (`/v1/tenants/{t}`
/// when `collection` is empty: project and subscription commands). `collection` is
/// where the aggregate of the command's result lives (for a conversion: the new deal).
void add_command_route(router& r, lead_routes_context& routes, http::verb verb,
                       const std::string& pattern, std::string collection, command_decoder decode);

} // namespace ventros::gateway
