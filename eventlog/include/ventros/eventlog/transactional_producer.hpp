#pragma once

#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/record.hpp"

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace ventros::eventlog {

/// A librdkafka transactional producer (`acks=all`, idempotence on) that appends
/// batches atomically. Not thread-safe: one owner thread calls it.
class transactional_producer final {
public:
    /// Creates the client; does not contact the broker yet.
    transactional_producer(const kafka_config& config, std::string transactional_id);
    ~transactional_producer();
    transactional_producer(const transactional_producer&) = delete;
    transactional_producer& operator=(const transactional_producer&) = delete;

    /// Registers the transactional id with the coordinator, fencing any older producer
    /// with the same id and completing or aborting its open transaction.
    /// Throws `kafka_error` (retriable when the broker is unreachable within `timeout`).
    void init(std::chrono::milliseconds timeout);

    /// Appends all records in one transaction and returns where each landed, in order.
    /// All or nothing: on any failure it aborts (best effort) and throws `kafka_error`.
    /// Bounded: returns or throws within about `timeout`. After a throw the outcome of
    /// the transaction is unknown only if `kafka_error::retriable()` is false and it was
    /// thrown from the commit; callers re-read the log to learn it.
    std::vector<position> append(std::span<const outgoing_record> records,
                                 std::chrono::milliseconds timeout);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ventros::eventlog
