#pragma once

#include "ventros/eventlog/record.hpp"

#include <cstdint>
#include <expected>
#include <string>

namespace ventros::eventlog {

/// CloudEvents 1.0 attributes carried as Kafka headers (binary mode, DESIGN.md §3).
/// The record value is the event's `data` (JSON).
struct cloud_event_attributes {
    std::string id; ///< ce_id, UUIDv7
    std::string source = "/ventros/gateway";
    std::string type;       ///< ce_type, e.g. ventros.crm.lead.created.v1
    std::string time;       ///< ce_time, RFC 3339 UTC with milliseconds
    std::string subject;    ///< ce_subject, e.g. leads/<id>
    std::string dataschema; ///< ce_dataschema, path under schemas/events/
    std::string tenant_id;  ///< ce_tenantid
    std::string aggregate_id;
    std::uint32_t aggregate_version = 0;
    std::string command_id;     ///< ce_commandid: the Idempotency-Key (or a generated id)
    std::string request_hash;   ///< ce_requesthash: digest of the request that caused it
    std::string correlation_id; ///< ce_correlationid: the request id
    std::string causation_id;   ///< ce_causationid
    std::string actor;          ///< ce_actor: acting user id
    bool operator==(const cloud_event_attributes&) const = default;
};

/// Headers for a record, including `content-type: application/json` and `ce_specversion: 1.0`.
headers encode_headers(const cloud_event_attributes& attributes);

/// Reads the attributes back; fails (with the reason) when a required header is
/// missing or malformed, or `ce_specversion` is not 1.0. Never throws.
std::expected<cloud_event_attributes, std::string> decode_headers(const headers& hs);

} // namespace ventros::eventlog
