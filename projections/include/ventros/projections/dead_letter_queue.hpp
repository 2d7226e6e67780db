#pragma once

#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/record.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <chrono>
#include <memory>
#include <string_view>

namespace ventros::projections {

/// Sends poison records to `<prefix>dlq` with an idempotent producer (acks=all): the
/// original key, value and headers plus `dlq_reason`, `dlq_error`, `dlq_projection`,
/// `dlq_source_topic`, `dlq_source_partition` and `dlq_source_offset`. At least once:
/// consumers dedupe on the source topic/partition/offset. Not thread-safe.
class dead_letter_queue final {
public:
    explicit dead_letter_queue(const eventlog::kafka_config& config);
    ~dead_letter_queue();
    dead_letter_queue(const dead_letter_queue&) = delete;
    dead_letter_queue& operator=(const dead_letter_queue&) = delete;

    /// Queues one dead letter (sent in the background).
    void add(const eventlog::record& source, std::string_view projection, const dead_letter& why);

    /// Waits until everything queued is acknowledged. Throws `eventlog::kafka_error`
    /// (retriable) on timeout or when a delivery failed; the caller must not move its
    /// checkpoint past those records then.
    void flush(std::chrono::milliseconds timeout);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ventros::projections
