#pragma once

#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/record.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ventros::eventlog {

/// A consumer-group member (cooperative-sticky, read_committed, no auto commit, no
/// offset store): offsets live with the application, which supplies them on assignment.
class group_consumer final {
public:
    struct callbacks {
        /// Newly assigned partitions → the offsets to start from (from the app's checkpoints).
        std::function<std::vector<partition_offset>(const std::vector<partition_offset>&)>
            on_assigned;
        /// Partitions being taken away; the app must not commit work for them afterwards.
        std::function<void(const std::vector<partition_offset>&)> on_revoked;
    };

    group_consumer(const kafka_config& config, std::string group_id,
                   std::vector<std::string> topics, callbacks cbs);
    ~group_consumer();
    group_consumer(const group_consumer&) = delete;
    group_consumer& operator=(const group_consumer&) = delete;

    /// Up to `max_records`, waiting at most `timeout`; runs rebalance callbacks inline.
    std::vector<record> poll(std::size_t max_records, std::chrono::milliseconds timeout);

    /// Moves a partition's read position (after a failed batch is retried).
    void seek(const partition_offset& to);

    /// The read position of every assigned partition: the next offset poll can hand out.
    /// librdkafka moves it past transaction markers and aborted records, which take
    /// offsets but are never returned. Partitions with no position yet are left out.
    std::vector<partition_offset> positions();

    /// High watermarks (read_committed end) for lag metrics, per currently assigned partition.
    std::vector<partition_offset> end_offsets(std::chrono::milliseconds timeout);

    /// Leaves the group cleanly.
    void close();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ventros::eventlog
