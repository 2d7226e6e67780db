#pragma once

#include "ventros/domain/crm.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/record.hpp"

#include <cstdint>
#include <expected>
#include <string>

namespace ventros::projections {

/// A record the projector could read: its CloudEvents attributes, the decoded (and
/// upcast) event, and where it came from.
struct decoded_event {
    eventlog::cloud_event_attributes attributes;
    domain::crm_event event;
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
};

/// Why a record goes to the dead-letter queue: a stable slug (metrics label and the
/// `dlq_reason` header) and a human-readable detail (the `dlq_error` header).
struct dead_letter {
    std::string reason; ///< undecodable_headers, unknown_type, bad_body, apply_failed
    std::string detail;
};

/// Decodes headers and body. Never throws on bad input: the failure is the value.
std::expected<decoded_event, dead_letter> decode_record(const eventlog::record& r);

} // namespace ventros::projections
