#pragma once

#include "ventros/eventlog/kafka_config.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ventros::eventlog {

/// Creates the Ventros topics (`topics::with_prefix`) with `config.partitions` partitions,
/// replication factor 1 on a single node (or the broker default when larger clusters set
/// `VENTROS_KAFKA_REPLICATION`). Idempotent: existing topics are left as they are.
/// Throws `kafka_error` when the broker cannot be reached within `timeout`.
void ensure_topics(const kafka_config& config, std::chrono::milliseconds timeout);

/// The partition count of a topic; throws `kafka_error` when it does not exist.
std::int32_t partition_count(const kafka_config& config, const std::string& topic,
                             std::chrono::milliseconds timeout);

/// High watermark of every partition of the topic, in partition order.
std::vector<std::int64_t> high_watermarks(const kafka_config& config, const std::string& topic,
                                          std::chrono::milliseconds timeout);

} // namespace ventros::eventlog
