#pragma once

#include "ventros/commands/write_service.hpp"
#include "ventros/domain/roles.hpp"
#include "ventros/gateway/jwt.hpp"
#include "ventros/gateway/problem.hpp"
#include "ventros/gateway/router.hpp"

#include <boost/asio/awaitable.hpp>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ventros::gateway {

/// The authenticated caller of a tenant-scoped route.
struct caller {
    principal who;
    std::string tenant;
    domain::role role = domain::role::viewer;
};

/// Authenticates the bearer token and checks the `{tenant_id}` path parameter against it.
std::expected<caller, problem> authorize(const request_context& ctx, const jwt_config& jwt);

/// `If-Match: "<n>"` (or W/"<n>"); nullopt when absent or `*`; a problem when malformed.
std::expected<std::optional<std::uint32_t>, problem> parse_if_match(const request& req);

/// `Idempotency-Key`: 1 to 255 visible ASCII characters; empty when absent.
std::expected<std::string, problem> parse_idempotency_key(const request& req);

/// A JSON response with the request's HTTP version and keep-alive.
response json_response(const request_context& ctx, unsigned status, const nlohmann::json& body);

/// A response whose body is JSON text already serialised (e.g. built by PostgreSQL).
response json_text_response(const request_context& ctx, unsigned status, std::string body);

/// The problem as a response for this request.
response problem_response(const request_context& ctx, const problem& p);

/// Hands `command` to the writer and resumes on the calling coroutine's executor with
/// the outcome.
boost::asio::awaitable<commands::write_outcome> submit(commands::write_service& writer,
                                                       commands::write_request command);

} // namespace ventros::gateway
