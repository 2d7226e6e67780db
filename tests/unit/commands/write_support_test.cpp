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

TEST_CASE("lower-case UUID text and its bytes convert both ways; other text is refused") {
    const std::string text = "0190a8e0-1c2d-7e3f-8a4b-5c6d7e8f9a0b";
    const auto bytes = commands::parse_lower_uuid(text);
    REQUIRE(bytes);
    CHECK((*bytes)[0] == 0x01);
    CHECK((*bytes)[15] == 0x0b);
    CHECK(commands::format_uuid(*bytes) == text);
    CHECK_FALSE(commands::parse_lower_uuid("0190A8E0-1C2D-7E3F-8A4B-5C6D7E8F9A0B"));
    CHECK_FALSE(commands::parse_lower_uuid("0190a8e0-1c2d-7e3f-8a4b-5c6d7e8f9a0"));
    CHECK_FALSE(commands::parse_lower_uuid("0190a8e0x1c2d-7e3f-8a4b-5c6d7e8f9a0b"));
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
    const auto hash = commands::request_fingerprint("POST", "/v1/leads", "{}");
    const commands::write_result result{
        201, "0190a8e0-0000-7000-8000-000000000001", 1, {"ventros.crm", 3, 5}, false, "k1"};
    window.remember("acme", "k1", hash, result, t0);
    const auto seen = window.find("acme", "k1", hash);
    REQUIRE(seen);
    CHECK(seen->same_request);
    CHECK(seen->result == result);
    CHECK_FALSE(window.find("acme", "k1", commands::request_fingerprint("POST", "/v1/x", ""))
                    ->same_request);
    CHECK_FALSE(window.find("other", "k1", hash));
    CHECK_FALSE(window.find("acme", "k2", hash));
    window.expire(t0 + hours(23));
    CHECK(window.find("acme", "k1", hash));
    window.expire(t0 + hours(25));
    CHECK_FALSE(window.find("acme", "k1", hash));
    CHECK(window.size() == 0);
}

TEST_CASE("the idempotency window gives back ids and hashes of any shape exactly") {
    commands::idempotency_window window(std::chrono::hours(24));
    const commands::write_result result{200, "Not-A-UUID", 4, {"other.topic", 0, 9}, false, "k"};
    window.remember("acme", "k", "HASH", result, {});
    REQUIRE(window.find("acme", "k", "HASH"));
    CHECK(window.find("acme", "k", "HASH")->same_request);
    CHECK(window.find("acme", "k", "HASH")->result == result);
    CHECK_FALSE(window.find("acme", "k", "hash")->same_request);

    const auto upper = commands::write_result{
        201, "0190A8E0-0000-7000-8000-000000000001", 1, {"ventros.crm", 1, 2}, false, "k"};
    window.remember("acme", "k", "HASH", upper, {});
    CHECK(window.find("acme", "k", "HASH")->result == upper);
    CHECK(window.size() == 1);
}

TEST_CASE("replayed events of one command rebuild the result the live path gave") {
    commands::idempotency_window window(std::chrono::hours(24));
    const auto hash = commands::request_fingerprint("POST", "/v1/leads/x/bant", "{}");
    const std::string lead = "0190a8e0-0000-7000-8000-000000000001";
    const std::string other = "0190a8e0-0000-7000-8000-000000000002";
    const auto logged = [&](const std::string& aggregate, std::uint32_t version,
                            std::int64_t offset) {
        return commands::write_result{200,   aggregate, version, {"ventros.crm", 2, offset},
                                      false, "k"};
    };
    window.remember_logged("acme", "k", hash, logged(lead, 3, 10), {});
    window.remember_logged("acme", "k", hash, logged(lead, 4, 11), {});
    window.remember_logged("acme", "k", hash, logged(other, 9, 12), {});
    auto seen = window.find("acme", "k", hash);
    REQUIRE(seen);
    CHECK(seen->result == logged(lead, 4, 12));

    // The same key with another request (a different command) replaces it.
    const auto other_hash = commands::request_fingerprint("POST", "/v1/leads", "{}");
    window.remember_logged("acme", "k", other_hash, logged(other, 1, 20), {});
    seen = window.find("acme", "k", other_hash);
    REQUIRE(seen);
    CHECK(seen->same_request);
    CHECK(seen->result == logged(other, 1, 20));
    CHECK(window.size() == 1);
}
