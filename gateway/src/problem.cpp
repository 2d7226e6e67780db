#include "ventros/gateway/problem.hpp"

#include <string>

namespace ventros::gateway {

response to_response(const problem& p, const std::string& request_id, unsigned http_version,
                     bool keep_alive) {
    nlohmann::json body = p.extensions.is_object() ? p.extensions : nlohmann::json::object();
    body["type"] = "https://ventros.dev/problems/" + p.type;
    body["title"] = p.title;
    body["status"] = p.status;
    body["detail"] = p.detail;
    body["instance"] = request_id;

    response res{static_cast<http::status>(p.status), http_version};
    res.set(http::field::content_type, "application/problem+json");
    res.set("X-Request-Id", request_id);
    for (const auto& [name, value] : p.headers) {
        res.set(name, value);
    }
    res.keep_alive(keep_alive);
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

namespace problems {
namespace {

problem make(unsigned status, std::string type, std::string title, std::string detail) {
    return problem{status, std::move(type), std::move(title), std::move(detail), {}, {}};
}

} // namespace

problem bad_request(std::string detail) {
    return make(400, "bad-request", "Bad request", std::move(detail));
}

problem malformed_json(std::string detail) {
    return make(400, "malformed-json", "Malformed JSON", std::move(detail));
}

problem validation_failed(std::string detail, nlohmann::json errors) {
    auto p = make(422, "validation-failed", "Validation failed", std::move(detail));
    if (!errors.is_null()) {
        p.extensions["errors"] = std::move(errors);
    }
    return p;
}

problem unauthorized(std::string detail, std::string error_code) {
    auto p = make(401, "unauthorized", "Unauthorized", std::move(detail));
    std::string challenge = R"(Bearer realm="ventros")";
    if (!error_code.empty()) {
        challenge += R"(, error=")" + error_code + '"';
    }
    p.headers.emplace_back("WWW-Authenticate", std::move(challenge));
    return p;
}

problem forbidden(std::string detail) {
    return make(403, "forbidden", "Forbidden", std::move(detail));
}

problem not_found(std::string detail) {
    return make(404, "not-found", "Not found", std::move(detail));
}

problem method_not_allowed(std::string allow) {
    auto p =
        make(405, "method-not-allowed", "Method not allowed", "this resource supports: " + allow);
    p.headers.emplace_back("Allow", std::move(allow));
    return p;
}

problem payload_too_large(std::size_t limit) {
    return make(413, "payload-too-large", "Payload too large",
                "the request body exceeds " + std::to_string(limit) + " bytes");
}

problem unsupported_media_type() {
    return make(415, "unsupported-media-type", "Unsupported media type",
                "request bodies must be application/json");
}

problem request_header_fields_too_large(std::size_t limit) {
    return make(431, "request-header-fields-too-large", "Request header fields too large",
                "the request header section exceeds " + std::to_string(limit) + " bytes");
}

problem request_timeout() {
    return make(408, "request-timeout", "Request timeout", "the request was not received in time");
}

problem rate_limited(std::chrono::seconds retry_after) {
    auto p = make(429, "rate-limited", "Too many requests",
                  "the tenant's request rate limit is used up; retry after " +
                      std::to_string(retry_after.count()) + " seconds");
    p.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
    return p;
}

problem internal() {
    return make(500, "internal", "Internal error",
                "an unexpected error occurred; quote the instance (request id) when reporting it");
}

problem unavailable(std::string detail, std::chrono::seconds retry_after) {
    auto p = make(503, "unavailable", "Service unavailable", std::move(detail));
    p.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
    return p;
}

problem not_ready() {
    auto p = make(503, "not-ready", "Not ready", "the service is not ready to serve requests");
    p.headers.emplace_back("Retry-After", "1");
    return p;
}

} // namespace problems

} // namespace ventros::gateway
