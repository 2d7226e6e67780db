// Pins the CloudEvents binary-mode header codec: round trip and every way decoding must fail.
#include "ventros/eventlog/cloud_event.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace ventros::eventlog;

namespace {

cloud_event_attributes sample() {
    return cloud_event_attributes{
        .id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        .source = "/ventros/gateway",
        .type = "ventros.crm.lead.created.v1",
        .time = "2024-06-01T12:34:56.789Z",
        .subject = "leads/0190a1b2-0000-7000-8000-000000000001",
        .dataschema = "schemas/events/crm/lead.created.v1.json",
        .tenant_id = "tenant-1",
        .aggregate_id = "0190a1b2-0000-7000-8000-000000000001",
        .aggregate_version = 4294967295U,
        .command_id = "idem-1",
        .request_hash = "sha256:abc",
        .correlation_id = "req-1",
        .causation_id = "cmd-1",
        .actor = "user-1",
    };
}

headers without(headers hs, std::string_view key) {
    std::erase_if(hs, [&](const header& h) { return h.key == key; });
    return hs;
}

headers with(headers hs, std::string_view key, std::string value) {
    for (auto& h : hs) {
        if (h.key == key) {
            h.value = std::move(value);
        }
    }
    return hs;
}

} // namespace

TEST_CASE("encoded headers carry the spec version, content type and decimal version") {
    const auto hs = encode_headers(sample());
    CHECK(find_header(hs, "ce_specversion") == "1.0");
    CHECK(find_header(hs, "content-type") == "application/json");
    CHECK(find_header(hs, "ce_aggregateversion") == "4294967295");
    CHECK(find_header(hs, "ce_tenantid") == "tenant-1");
    CHECK(find_header(hs, "ce_requesthash") == "sha256:abc");
}

TEST_CASE("decode gives back exactly what encode was given") {
    const auto decoded = decode_headers(encode_headers(sample()));
    REQUIRE(decoded.has_value());
    CHECK(*decoded == sample());
}

TEST_CASE("decode fails naming each missing required header") {
    for (const std::string_view name : {"ce_specversion", "ce_id", "ce_source", "ce_type",
                                        "ce_tenantid", "ce_aggregateid", "ce_aggregateversion"}) {
        CAPTURE(name);
        const auto decoded = decode_headers(without(encode_headers(sample()), name));
        REQUIRE_FALSE(decoded.has_value());
        CHECK(decoded.error().find(name) != std::string::npos);
    }
}

TEST_CASE("optional headers default to empty when absent") {
    auto hs = encode_headers(sample());
    for (const std::string_view name :
         {"ce_time", "ce_subject", "ce_dataschema", "ce_commandid", "ce_requesthash",
          "ce_correlationid", "ce_causationid", "ce_actor"}) {
        hs = without(std::move(hs), name);
    }
    const auto decoded = decode_headers(hs);
    REQUIRE(decoded.has_value());
    CHECK(decoded->time.empty());
    CHECK(decoded->actor.empty());
    CHECK(decoded->command_id.empty());
    CHECK(decoded->aggregate_version == sample().aggregate_version);
}

TEST_CASE("decode rejects a non-numeric, signed, partial or overflowing version") {
    for (const std::string bad : {"", "abc", "-1", "+1", "12x", " 1", "4294967296", "1.0"}) {
        CAPTURE(bad);
        const auto decoded =
            decode_headers(with(encode_headers(sample()), "ce_aggregateversion", bad));
        REQUIRE_FALSE(decoded.has_value());
        CHECK(decoded.error().find("ce_aggregateversion") != std::string::npos);
    }
}

TEST_CASE("decode rejects another spec version") {
    const auto decoded = decode_headers(with(encode_headers(sample()), "ce_specversion", "0.3"));
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().find("ce_specversion") != std::string::npos);
}

TEST_CASE("decode never throws on arbitrary headers") {
    CHECK_NOTHROW(static_cast<void>(decode_headers({})));
    CHECK_NOTHROW(static_cast<void>(decode_headers({{"ce_specversion", "1.0"}, {"x", ""}})));
}
