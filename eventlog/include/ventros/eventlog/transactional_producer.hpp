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
///
/// It can rotate over several *lanes*, each a client with its own transactional id
/// (`transactional_id`, then `transactional_id~1`, `~2`, …), one transaction after
/// another. The coordinator refuses a new transaction on an id until the previous one's
/// commit markers are written (CONCURRENT_TRANSACTIONS, which librdkafka retries after
/// 20 ms); with two lanes the next transaction starts on the other id meanwhile.
/// Transactions still run one at a time, so records keep the order of the calls.
class transactional_producer final {
public:
    /// Creates the clients (`lanes`, at least 1); does not contact the broker yet.
    transactional_producer(const kafka_config& config, const std::string& transactional_id,
                           int lanes = 1);
    ~transactional_producer();
    transactional_producer(const transactional_producer&) = delete;
    transactional_producer& operator=(const transactional_producer&) = delete;

    /// Registers every lane's transactional id with the coordinator, fencing any older
    /// producer with the same id and completing or aborting its open transaction.
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
