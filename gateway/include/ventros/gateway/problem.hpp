#pragma once

#include "ventros/gateway/http_types.hpp"

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace ventros::gateway {

/// An RFC 9457 problem: the one shape every HTTP error takes. `type` is a stable slug
/// ("validation-failed"); clients branch on it, never on `title` or `detail`.
struct problem {
    unsigned status = 500;
    std::string type;
    std::string title;
    std::string detail;
    /// Extra members merged into the body (e.g. `errors`); standard members win.
    nlohmann::json extensions = nlohmann::json::object();
    /// Extra response headers (Retry-After, WWW-Authenticate, Allow, ...).
    std::vector<std::pair<std::string, std::string>> headers;
};

/// The `application/problem+json` response for `p`: body {type:
/// "https://ventros.dev/problems/<slug>", title, status, detail, instance: request id,
/// ...extensions}, with `X-Request-Id` and the problem's extra headers set. Never throws
/// except std::bad_alloc.
response to_response(const problem& p, const std::string& request_id, unsigned http_version,
                     bool keep_alive);

/// Factories for the problems shared by every endpoint. `detail` is shown to the client:
/// it must never carry exception text or another tenant's data.
namespace problems {

problem bad_request(std::string detail);
problem malformed_json(std::string detail);
/// 422; `errors` (optional) lands in the body as `errors`.
problem validation_failed(std::string detail, nlohmann::json errors = nullptr);
/// 401 with `WWW-Authenticate: Bearer ...`; `error_code` ("invalid_token") is omitted
/// when the request carried no credentials at all (RFC 6750 §3.1).
problem unauthorized(std::string detail, std::string error_code = "invalid_token");
problem forbidden(std::string detail);
problem not_found(std::string detail);
/// 405 with `Allow: <allow>` (comma-separated methods).
problem method_not_allowed(std::string allow);
problem payload_too_large(std::size_t limit);
problem unsupported_media_type();
problem request_header_fields_too_large(std::size_t limit);
problem request_timeout();
/// 429 "rate-limited" with `Retry-After: <retry_after>` (the tenant's request rate is
/// used up; see rate_limit_headers.hpp for the RateLimit fields that go with it).
problem rate_limited(std::chrono::seconds retry_after);
/// 500 with a generic detail; the cause belongs in the log, keyed by request id.
problem internal();
/// 503 "unavailable" with Retry-After (Kafka or PostgreSQL down).
problem unavailable(std::string detail, std::chrono::seconds retry_after = std::chrono::seconds{1});
/// 503 "not-ready" with Retry-After: 1 (still replaying, shutting down).
problem not_ready();

} // namespace problems

} // namespace ventros::gateway
