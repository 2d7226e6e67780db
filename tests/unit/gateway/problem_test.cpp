// Pins the problem+json translation: content type, body members, extra headers, generic 500.
#include "ventros/gateway/problem.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::gateway;
using json = nlohmann::json;

TEST_CASE("a problem becomes application/problem+json with the RFC 9457 members") {
    auto p = problems::validation_failed("score out of range", json::array({"/score"}));
    const auto res = to_response(p, "req-1", 11, true);
    CHECK(res.result_int() == 422);
    CHECK(res[http::field::content_type] == "application/problem+json");
    CHECK(res["X-Request-Id"] == "req-1");
    CHECK(res.keep_alive());
    CHECK(res[http::field::content_length] == std::to_string(res.body().size()));
    const auto body = json::parse(res.body());
    CHECK(body["type"] == "https://ventros.dev/problems/validation-failed");
    CHECK(body["title"] == "Validation failed");
    CHECK(body["status"] == 422);
    CHECK(body["detail"] == "score out of range");
    CHECK(body["instance"] == "req-1");
    CHECK(body["errors"] == json::array({"/score"}));
}

TEST_CASE("extensions cannot override the standard members") {
    problem p = problems::not_found("no such lead");
    p.extensions = json{{"status", 200}, {"type", "evil"}, {"lead_id", "l1"}};
    const auto body = json::parse(to_response(p, "r", 11, false).body());
    CHECK(body["status"] == 404);
    CHECK(body["type"] == "https://ventros.dev/problems/not-found");
    CHECK(body["lead_id"] == "l1");
}

TEST_CASE("extra headers are applied: Retry-After, Allow, WWW-Authenticate") {
    const auto unavailable =
        to_response(problems::unavailable("db down", std::chrono::seconds{3}), "r", 11, true);
    CHECK(unavailable.result_int() == 503);
    CHECK(unavailable[http::field::retry_after] == "3");

    const auto not_allowed = to_response(problems::method_not_allowed("GET, POST"), "r", 11, true);
    CHECK(not_allowed.result_int() == 405);
    CHECK(not_allowed[http::field::allow] == "GET, POST");

    const auto unauthorized = to_response(problems::unauthorized("invalid token"), "r", 11, true);
    CHECK(unauthorized.result_int() == 401);
    CHECK(unauthorized[http::field::www_authenticate].starts_with("Bearer"));

    CHECK(to_response(problems::not_ready(), "r", 11, true)[http::field::retry_after] == "1");
}

TEST_CASE("the transport problems carry their status and slug") {
    struct expectation {
        problem p;
        unsigned status;
        const char* type;
    };
    for (const auto& e :
         {expectation{problems::payload_too_large(10), 413, "payload-too-large"},
          expectation{problems::unsupported_media_type(), 415, "unsupported-media-type"},
          expectation{problems::request_header_fields_too_large(10), 431,
                      "request-header-fields-too-large"},
          expectation{problems::request_timeout(), 408, "request-timeout"},
          expectation{problems::malformed_json("x"), 400, "malformed-json"},
          expectation{problems::forbidden("x"), 403, "forbidden"},
          expectation{problems::internal(), 500, "internal"}}) {
        CAPTURE(e.type);
        CHECK(e.p.status == e.status);
        CHECK(e.p.type == e.type);
        CHECK(to_response(e.p, "r", 11, true).result_int() == e.status);
    }
}
