// Pins the RateLimit / RateLimit-Policy / Retry-After text (draft-ietf-httpapi-ratelimit-
// headers-11) and the 429 problem a refusal becomes.
#include "ventros/gateway/rate_limit_headers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::gateway;
using json = nlohmann::json;

namespace {

const rate_policy growth = rate_policy::per_minute(600);
const rate_decision allowed{true, 100, 42, 6, 0};
const rate_decision refused{false, 100, 0, 3, 3};

} // namespace

TEST_CASE("RateLimit-Policy names the tenant policy with its burst and fill window") {
    CHECK(rate_limit_policy_value(growth) == R"("tenant";q=100;w=10)");
    CHECK(rate_limit_policy_value(rate_policy::per_minute(60)) == R"("tenant";q=10;w=10)");
    CHECK(rate_limit_policy_value(rate_policy{7, 10}) == R"("tenant";q=10;w=86)"); // 85.7 s
    CHECK(rate_limit_policy_value(rate_policy{6000, 10}) == R"("tenant";q=10;w=1)");
}

TEST_CASE("RateLimit carries the remaining tokens and the reset in seconds") {
    CHECK(rate_limit_value(allowed) == R"("tenant";r=42;t=6)");
    CHECK(rate_limit_value(refused) == R"("tenant";r=0;t=3)");
}

TEST_CASE("an allowed response gets both RateLimit fields and no Retry-After") {
    response res{http::status::ok, 11};
    set_rate_limit_headers(res, allowed, growth);
    CHECK(res["RateLimit-Policy"] == R"("tenant";q=100;w=10)");
    CHECK(res["RateLimit"] == R"("tenant";r=42;t=6)");
    CHECK(res.find(http::field::retry_after) == res.end());
}

TEST_CASE("a handler's own Retry-After survives an allowed decision") {
    response res{http::status::service_unavailable, 11};
    res.set(http::field::retry_after, "1");
    set_rate_limit_headers(res, allowed, growth);
    CHECK(res[http::field::retry_after] == "1");
}

TEST_CASE("a refused response gets Retry-After equal to the RateLimit reset") {
    response res{http::status::too_many_requests, 11};
    res.set("RateLimit", "stale");
    set_rate_limit_headers(res, refused, growth);
    CHECK(res[http::field::retry_after] == "3");
    CHECK(res["RateLimit"] == R"("tenant";r=0;t=3)");
    CHECK(std::distance(res.equal_range("RateLimit").first, res.equal_range("RateLimit").second) ==
          1);
}

TEST_CASE("a refusal becomes a 429 rate-limited problem with every rate limit field") {
    const auto res = to_response(rate_limited_problem(refused, growth), "req-9", 11, true);
    CHECK(res.result_int() == 429);
    CHECK(res[http::field::content_type] == "application/problem+json");
    CHECK(res[http::field::retry_after] == "3");
    CHECK(res["RateLimit-Policy"] == R"("tenant";q=100;w=10)");
    CHECK(res["RateLimit"] == R"("tenant";r=0;t=3)");
    const auto body = json::parse(res.body());
    CHECK(body["type"] == "https://ventros.dev/problems/rate-limited");
    CHECK(body["status"] == 429);
    CHECK(body["instance"] == "req-9");
    CHECK(body["violated-policies"] == json::array({"tenant"}));
}

TEST_CASE("problems::rate_limited alone sets the status, type and Retry-After") {
    const auto p = problems::rate_limited(std::chrono::seconds{12});
    CHECK(p.status == 429);
    CHECK(p.type == "rate-limited");
    REQUIRE(p.headers.size() == 1);
    CHECK(p.headers[0] == std::pair<std::string, std::string>{"Retry-After", "12"});
}
