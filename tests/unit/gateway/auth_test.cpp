// Pins bearer authentication (401 + WWW-Authenticate) and tenant/role authorization (403).
#include "ventros/gateway/auth.hpp"

#include <doctest/doctest.h>

using namespace ventros::gateway;
using std::chrono::seconds;
using ventros::domain::role;

namespace {

const auto now = std::chrono::system_clock::time_point{seconds{1'750'000'000}};

jwt_config config() {
    return jwt_config{"auth-secret", "ventros", "ventros-api", seconds{30}};
}

request with_authorization(std::string value) {
    request req{http::verb::get, "/v1/tenants/t1/leads", 11};
    req.set(http::field::authorization, value);
    return req;
}

std::string challenge(const problem& p) {
    for (const auto& [name, value] : p.headers) {
        if (name == "WWW-Authenticate") {
            return value;
        }
    }
    return {};
}

} // namespace

TEST_CASE("a valid bearer token authenticates, whatever the scheme's case") {
    const auto token = sign_jwt(principal{"u1", {{"t1", role::agent}}}, config(), now, seconds{60});
    for (const auto* scheme : {"Bearer ", "bearer ", "BEARER "}) {
        const auto who = authenticate(with_authorization(scheme + token), config(), now);
        REQUIRE(who.has_value());
        CHECK(who->user_id == "u1");
    }
}

TEST_CASE("no credentials give 401 with a bare Bearer challenge") {
    request req{http::verb::get, "/v1/tenants/t1/leads", 11};
    const auto r = authenticate(req, config(), now);
    REQUIRE_FALSE(r);
    CHECK(r.error().status == 401);
    CHECK(r.error().type == "unauthorized");
    CHECK(challenge(r.error()).starts_with("Bearer"));
    CHECK(challenge(r.error()).find("error=") == std::string::npos);

    const auto basic = authenticate(with_authorization("Basic dXNlcjpwYXNz"), config(), now);
    REQUIRE_FALSE(basic);
    CHECK(basic.error().status == 401);
}

TEST_CASE("an invalid or expired token gives 401 invalid_token with a short reason") {
    const auto bad = authenticate(with_authorization("Bearer not.a.token"), config(), now);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().status == 401);
    CHECK(challenge(bad.error()).find(R"(error="invalid_token")") != std::string::npos);
    CHECK(bad.error().detail == "invalid token");

    const auto token = sign_jwt(principal{"u1", {}}, config(), now - seconds{3600}, seconds{60});
    const auto expired = authenticate(with_authorization("Bearer " + token), config(), now);
    REQUIRE_FALSE(expired);
    CHECK(expired.error().detail == "token expired");
}

TEST_CASE("a tenant not in the token is forbidden; a granted one yields its role") {
    const principal who{"u1", {{"t1", role::viewer}}};
    const auto granted = authorize_tenant(who, "t1");
    REQUIRE(granted.has_value());
    CHECK(*granted == role::viewer);
    const auto other = authorize_tenant(who, "t2");
    REQUIRE_FALSE(other);
    CHECK(other.error().status == 403);
    CHECK(other.error().type == "forbidden");
}

TEST_CASE("viewers may not write; every other role may") {
    const auto denied = require_writer(role::viewer);
    REQUIRE(denied.has_value());
    CHECK(denied->status == 403);
    for (const auto r : {role::admin, role::manager, role::agent}) {
        CHECK_FALSE(require_writer(r).has_value());
    }
}
