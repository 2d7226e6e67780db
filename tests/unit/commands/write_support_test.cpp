// Pins the small write-side helpers: UUIDv7 ids, position tokens, request fingerprints,
// and the idempotency window's expiry.
#include "idempotency_window.hpp"
#include "ventros/commands/position_token.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/ids.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace ventros;

TEST_CASE("UUIDv7 ids are canonical, version 7, variant 10 and strictly increasing") {
    std::string previous;
    std::set<std::string> seen;
    for (int i = 0; i < 5000; ++i) {
        const auto id = commands::new_uuid_v7();
        REQUIRE(domain::is_uuid(id));
        CHECK(id[14] == '7');
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);
        CHECK(id > previous);
        previous = id;
        seen.insert(id);
    }
    CHECK(seen.size() == 5000);
    CHECK_FALSE(domain::is_uuid("0190a8e0-0000-7000-8000-00000000000"));
    CHECK_FALSE(domain::is_uuid("0190a8e0x0000-7000-8000-000000000001"));
    CHECK_FALSE(domain::is_uuid("0190a8e0-0000-7000-8000-00000000000g"));
}

TEST_CASE("position tokens round-trip and refuse malformed text") {
    const eventlog::position p{"ventros.crm", 7, 12345};
    const auto token = commands::format_position_token(p);
    CHECK(token == "ventros.crm:7:12345");
    CHECK(commands::parse_position_token(token) == p);
    for (const char* bad :
         {"", "crm", "crm:1", ":1:2", "crm::2", "crm:1:", "crm:-1:2", "crm:1:x", "crm:1:2x"}) {
        CHECK_FALSE(commands::parse_position_token(bad));
    }
}

TEST_CASE("request fingerprints differ when any part differs, even by boundary") {
    const auto a = commands::request_fingerprint("POST", "/v1/x", "{}");
    CHECK(a.size() == 32);
    CHECK(a == commands::request_fingerprint("POST", "/v1/x", "{}"));
    CHECK(a != commands::request_fingerprint("POST", "/v1/x", "{ }"));
    CHECK(a != commands::request_fingerprint("PATCH", "/v1/x", "{}"));
    CHECK(commands::request_fingerprint("POST", "/v1/ab", "c") !=
          commands::request_fingerprint("POST", "/v1/a", "bc"));
}

TEST_CASE("the idempotency window scopes keys by tenant and forgets old ones") {
    using namespace std::chrono;
    commands::idempotency_window window(hours(24));
    const system_clock::time_point t0{hours(1000)};
    commands::write_result result{201, "lead-1", 1, {"ventros.crm", 0, 5}, false};
    window.remember("acme", "k1", {"hash", result}, t0);
    REQUIRE(window.find("acme", "k1") != nullptr);
    CHECK(window.find("acme", "k1")->result == result);
    CHECK(window.find("other", "k1") == nullptr);
    window.expire(t0 + hours(23));
    CHECK(window.find("acme", "k1") != nullptr);
    window.expire(t0 + hours(25));
    CHECK(window.find("acme", "k1") == nullptr);
    CHECK(window.size() == 0);
}
