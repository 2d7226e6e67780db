#pragma once

#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/record.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ventros::eventlog {

struct partition_offset {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0; ///< next offset to read
    bool operator==(const partition_offset&) const = default;
};

/// A read_committed consumer over explicitly assigned partitions (no group), for replay
/// (writers at start-up, rebuild, tail). Not thread-safe.
class log_reader final {
public:
    explicit log_reader(const kafka_config& config);
    ~log_reader();
    log_reader(const log_reader&) = delete;
    log_reader& operator=(const log_reader&) = delete;

    void assign(const std::vector<partition_offset>& from);

    /// Up to `max_records` records, waiting at most `timeout` for the first one.
    /// Transaction markers are skipped by the client. Throws `kafka_error` on a fatal error.
    std::vector<record> poll(std::size_t max_records, std::chrono::milliseconds timeout);

    /// Like `poll`, but hands the records to `on_record` one at a time in storage the
    /// reader reuses (valid during the call only): no allocation per record, for replay.
    /// Returns how many it handed out.
    std::size_t poll_each(std::size_t max_records, std::chrono::milliseconds timeout,
                          const std::function<void(const record&)>& on_record);

    /// The last stable offset (read_committed end) of each given partition, in order.
    std::vector<std::int64_t> end_offsets(const std::string& topic,
                                          const std::vector<std::int32_t>& partitions,
                                          std::chrono::milliseconds timeout);

    /// The next offset this reader will return for the partition.
    std::int64_t current_position(const std::string& topic, std::int32_t partition);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Reads `topic` partitions from the given offsets up to their ends at call time,
/// handing every record to `on_record`. Returns the end offsets reached.
std::vector<partition_offset> replay_to_end(const kafka_config& config,
                                            const std::vector<partition_offset>& from,
                                            const std::function<void(const record&)>& on_record,
                                            std::chrono::milliseconds timeout);

} // namespace ventros::eventlog
