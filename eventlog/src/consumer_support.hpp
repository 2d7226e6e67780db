#pragma once

// Pieces shared by log_reader and group_consumer: polling and copying messages out.

#include "kafka_conf.hpp"
#include "rdkafka_handles.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/record.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ventros::eventlog::detail {

/// Settings every read_committed consumer of ours uses (no commits, no offset store;
/// fetch sizes favour replay throughput), followed by `role_settings`.
std::vector<setting> consumer_settings(std::vector<setting> role_settings);

/// Waits up to `timeout` for the first message, then drains what is already there, up
/// to `max_records`. Informational errors (broker down, ...) are skipped since
/// librdkafka recovers from them; unknown topics, out-of-range offsets and fatal errors
/// throw. `after_each_poll` runs after every consumer poll (rebalance callbacks run
/// inside it and may have left an exception to rethrow).
std::vector<record> poll_records(rd_kafka_t* rk, std::size_t max_records,
                                 std::chrono::milliseconds timeout,
                                 const std::function<void()>& after_each_poll = {});

/// The polling loop of `poll_records`, handing each message to `on_message` while it is
/// alive instead of copying it out. Returns how many messages it handed out.
std::size_t poll_each(rd_kafka_t* rk, std::size_t max_records, std::chrono::milliseconds timeout,
                      const std::function<void(const rd_kafka_message_t&)>& on_message,
                      const std::function<void()>& after_each_poll = {});

/// Like `poll_records`, but hands the records to `on_record` one by one, each copied into
/// `scratch`, whose storage is reused (no allocation per record once it has grown).
/// Returns their count.
std::size_t poll_reusing(rd_kafka_t* rk, std::size_t max_records, std::chrono::milliseconds timeout,
                         record& scratch, const std::function<void(const record&)>& on_record);

/// A partition list with offsets set from `from`.
partition_list_handle to_partition_list(const std::vector<partition_offset>& from);

/// The entries of a partition list.
std::vector<partition_offset> from_partition_list(const rd_kafka_topic_partition_list_t& list);

/// Low and high watermark (the last stable offset under read_committed).
std::pair<std::int64_t, std::int64_t> query_watermarks(rd_kafka_t* rk, const std::string& topic,
                                                       std::int32_t partition,
                                                       std::chrono::milliseconds timeout);

} // namespace ventros::eventlog::detail
