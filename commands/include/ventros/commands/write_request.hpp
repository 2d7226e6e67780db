#pragma once

#include "ventros/domain/crm.hpp"
#include "ventros/eventlog/record.hpp"

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

namespace ventros::commands {

/// One command on its way to the log, with everything the writer needs to decide it,
/// deduplicate it and stamp its events.
struct write_request {
    domain::command_context context; ///< tenant, actor, role, now
    domain::crm_command command;
    std::string idempotency_key; ///< empty when the client sent none
    std::string request_hash;    ///< fingerprint of method, target and body
    std::string request_id;      ///< correlation id of the HTTP request
    std::optional<std::uint32_t> if_match;
    std::chrono::steady_clock::time_point deadline; ///< answer 503 rather than start later
    /// The record key when it is not the tenant: `user:<email>` for users,
    /// `billing-account:<id>` for billing accounts. See `key()`.
    std::string routing_key;

    /// The key of the command's records: it picks the partition (so the writer) and scopes
    /// Idempotency-Keys. The tenant id unless `routing_key` is set.
    const std::string& key() const noexcept {
        return routing_key.empty() ? context.tenant.str() : routing_key;
    }
};

/// A committed (or replayed) command.
struct write_result {
    unsigned status = 200; ///< 201 when the command created its aggregate
    std::string aggregate_id;
    std::uint32_t version = 0;   ///< aggregate version after the command
    eventlog::position position; ///< of the command's last event
    bool replayed = false;       ///< answered from the idempotency window
    std::string command_id;      ///< the Idempotency-Key, or the UUIDv7 given to the command
    bool operator==(const write_result&) const = default;
};

struct write_failure {
    enum class kind {
        domain,                    ///< decide refused: see `domain_error`
        precondition_failed,       ///< If-Match did not match → 412
        idempotency_key_reused,    ///< same key, different request → 422
        idempotency_key_in_flight, ///< same key being processed → 409
        unavailable,               ///< Kafka unreachable or the deadline passed → 503
        not_ready,                 ///< still replaying the log → 503
    };
    kind what = kind::unavailable;
    std::optional<domain::crm_error> domain_error;
    std::uint32_t current_version = 0; ///< for 412 responses
};

using write_outcome = std::expected<write_result, write_failure>;

/// Stable hex fingerprint of a request (BLAKE2b-128 of method, target and body), used to
/// tell a retried request from a different one reusing its Idempotency-Key.
std::string request_fingerprint(std::string_view method, std::string_view target,
                                std::string_view body);

} // namespace ventros::commands
