#pragma once

#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/projections/projection.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace ventros::projections {

struct projector_options {
    std::string conninfo; ///< PostgreSQL, as ventros_projector
    eventlog::kafka_config kafka;
    std::string group_id = "ventros-projector"; ///< used with kafka.topic_prefix in front
    /// How long the group waits for a silent member (one that died without leaving)
    /// before reassigning its partitions: a restarted projector waits this long.
    std::chrono::milliseconds session_timeout{45000};
    std::size_t max_batch_records = 5000;
    std::chrono::milliseconds max_batch_wait{5};
    std::chrono::milliseconds min_backoff{100};
    std::chrono::milliseconds max_backoff{5000};
    std::chrono::milliseconds dlq_flush_timeout{10000};
};

/// Consumes the projections' topics in the consumer group and applies batches: one
/// PostgreSQL transaction per batch writes every projection's rows, its checkpoints and
/// a NOTIFY. Exactly once in effect: a crash anywhere replays from the checkpoints.
/// Poison records go to the dead-letter queue before the checkpoint moves past them.
/// PostgreSQL or DLQ failures retry the same batch with exponential backoff, never
/// skipping it. A batch commits on a background thread while the next one is polled and
/// decoded; commits stay one at a time, in order.
class projector final {
public:
    projector(projector_options options, std::vector<std::unique_ptr<projection>> projections,
              telemetry::metrics& metrics);
    ~projector();
    projector(const projector&) = delete;
    projector& operator=(const projector&) = delete;

    /// Runs until `stop` is requested (an unfinished batch is abandoned, its records are
    /// replayed by whoever owns the partitions next), then leaves the group.
    /// Blocking; call from one thread. Throws `eventlog::kafka_error` on fatal Kafka
    /// errors; transient failures are retried internally.
    void run(std::stop_token stop);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ventros::projections
