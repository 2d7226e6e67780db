// Fuzzes what the projector does with a record read from Kafka: the CloudEvents header
// decoder (eventlog/cloud_event.hpp) and decode_record (projections/decoded_event.hpp).
// Input format (so seeds stay readable): lines `key=value` are headers (split at the
// first '='), up to the first empty line; everything after it is the record value.
// Invariants: nothing throws; decoded attributes re-encode to headers that decode to the
// same attributes; decode_record fails with undecodable_headers exactly when the headers
// do not decode, and otherwise agrees with decode_headers; a decoded event survives
// encode_json → decode_crm_event unchanged.
#include "ventros/eventlog/cloud_event.hpp"

#include "fuzz_check.hpp"
#include "ventros/domain/crm_codec.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <cstdint>

namespace {

using ventros::fuzzing::require;
using namespace ventros;

eventlog::record record_from(std::string_view input) {
    eventlog::record r{"fuzz.crm", 3, 42, "tenant-1", {}, {}, 0};
    while (!input.empty()) {
        const auto newline = input.find('\n');
        const auto line = input.substr(0, newline);
        input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
        if (line.empty()) {
            break;
        }
        const auto eq = line.find('=');
        r.hdrs.push_back({std::string(line.substr(0, eq)), eq == std::string_view::npos
                                                               ? std::string{}
                                                               : std::string(line.substr(eq + 1))});
    }
    r.value = input;
    return r;
}

void check(const eventlog::record& r) {
    const auto attributes = eventlog::decode_headers(r.hdrs);
    if (attributes) {
        const auto again = eventlog::decode_headers(eventlog::encode_headers(*attributes));
        require(again.has_value() && *again == *attributes,
                "decoded attributes re-encode to the same attributes",
                again ? attributes->id : again.error());
    }
    const auto decoded = projections::decode_record(r);
    if (!decoded) {
        require((decoded.error().reason == "undecodable_headers") == !attributes.has_value(),
                "undecodable_headers exactly when the headers do not decode",
                decoded.error().reason + ": " + decoded.error().detail);
        require(decoded.error().reason == "undecodable_headers" ||
                    decoded.error().reason == "unknown_type" ||
                    decoded.error().reason == "bad_body",
                "a dead letter has a known reason", decoded.error().reason);
        return;
    }
    require(attributes.has_value() && decoded->attributes == *attributes,
            "decode_record keeps the decoded attributes");
    require(domain::is_crm_event_type(attributes->type), "only crm event types decode",
            attributes->type);
    require(decoded->topic == r.topic && decoded->partition == r.partition &&
                decoded->offset == r.offset,
            "decode_record keeps where the record came from");
    std::string body;
    try {
        body = domain::encode_json(decoded->event);
    } catch (const std::exception& e) {
        require(false, "a decoded event encodes", e.what());
    }
    const auto back = domain::decode_crm_event(domain::event_type(decoded->event), body);
    require(back.has_value() && *back == decoded->event,
            "a decoded event survives the codec unchanged", body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto r = record_from(std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        check(r);
    } catch (const std::exception& e) {
        require(false, "decoding a record never throws", e.what());
    }
    return 0;
}
