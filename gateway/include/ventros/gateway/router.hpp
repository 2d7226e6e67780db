#pragma once

#include "ventros/gateway/http_types.hpp"
#include "ventros/gateway/problem.hpp"
#include "ventros/telemetry/log.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::gateway {

/// What a handler gets: the request plus what routing extracted from it.
struct request_context {
    const request& req;
    std::string request_id;
    /// The matched pattern, e.g. "/v1/tenants/{tenant_id}/leads/{lead_id}".
    std::string route;
    /// Path parameters, percent-decoded.
    std::map<std::string, std::string> params;
    /// Query parameters, percent-decoded ('+' is a space); a repeated key keeps the last.
    std::map<std::string, std::string> query;
    /// Set by a write handler: the command id (Idempotency-Key or a generated UUIDv7),
    /// logged with the request.
    std::string command_id;
};

using handler = std::function<boost::asio::awaitable<response>(request_context&)>;

/// Maps (method, path pattern) to handlers. Routes are added before serving starts;
/// afterwards `dispatch` is safe to call concurrently. A literal segment wins over a
/// `{param}` segment at the same position.
class router final {
public:
    router(telemetry::metrics& metrics, telemetry::logger log);

    /// `pattern` is a path with `{name}` segments. Not thread-safe: call before serving.
    void add(http::verb method, std::string pattern, handler h);

    /// Runs the matching handler and returns its response with X-Request-Id, version and
    /// keep-alive set: unknown path → 404, known path with another method → 405 + Allow,
    /// malformed percent-encoding → 400, database_unavailable → 503, any other exception
    /// → 500 "internal" with a generic body (the exception text goes to the log). Records
    /// the request in metrics and writes one access-log line. Never throws except
    /// std::bad_alloc.
    boost::asio::awaitable<response> dispatch(const request& req, std::string request_id) const;

    /// The response for a request rejected before routing (by the server: 413, 415, ...),
    /// recorded in metrics and the access log like a routed one under route "unmatched".
    response reject(const problem& p, const std::string& request_id, std::string_view method,
                    unsigned http_version, bool keep_alive,
                    std::chrono::steady_clock::time_point started) const;

private:
    struct route_entry {
        http::verb method;
        std::string pattern;
        std::vector<std::string> segments;
        handler h;
    };

    void record(std::string_view route, std::string_view method, unsigned status,
                const std::string& request_id, const request_context* ctx,
                std::chrono::steady_clock::time_point started) const;

    telemetry::metrics& metrics_;
    telemetry::logger log_;
    std::vector<route_entry> routes_;
};

} // namespace ventros::gateway
