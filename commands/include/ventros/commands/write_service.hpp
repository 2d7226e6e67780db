#pragma once

#include "ventros/commands/directory.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/telemetry/log.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ventros::commands {

struct write_service_config {
    eventlog::kafka_config kafka;
    int shards = 4;            ///< transactional producers in parallel
    int transaction_lanes = 2; ///< transactional ids a shard rotates over (see eventlog)
    std::chrono::microseconds batch_linger{2000};   ///< wait this long to fill a batch
    std::size_t batch_max = 1000;                   ///< commands per Kafka transaction
    std::size_t queue_max = 20000;                  ///< per shard; beyond → 503 at once
    std::chrono::milliseconds append_timeout{2500}; ///< bound on one transaction
    std::chrono::hours idempotency_window{24};
};

/// The `transactional.id` of shard `index` of a write service configured with `config`
/// (its first lane; see eventlog::transactional_producer for the others). Whoever
/// initialises a producer with it fences that shard and aborts its open transaction.
std::string writer_transactional_id(const write_service_config& config, int index);

/// The write side (DESIGN.md §2): partition writers that own every partition of the
/// event topics, rebuild their state from Kafka at start, decide commands against it
/// and append the events of a batch of commands in one Kafka transaction.
///
/// Partition p belongs to shard p % shards; each shard has one thread, one
/// transactional producer (`transactional.id` derived from the topic prefix and the
/// shard), and the state of every tenant whose key hashes to its partitions. A second
/// process with the same configuration fences this one.
class write_service final {
public:
    write_service(write_service_config config, telemetry::metrics& metrics);
    ~write_service();
    write_service(const write_service&) = delete;
    write_service& operator=(const write_service&) = delete;

    /// Starts the shard threads; each connects, replays its partitions, then serves.
    /// Returns at once; `ready()` turns true when every shard has caught up.
    void start();

    /// True once every shard has replayed its partitions and can append.
    bool ready() const noexcept;

    /// Queues a command. `done` runs exactly once, on a shard thread, after the
    /// command's transaction committed (success) or when it was refused or failed.
    /// Thread-safe. Never blocks on Kafka.
    void submit(write_request request, std::function<void(write_outcome)> done);

    /// Stops taking commands, finishes the batches already queued, joins the threads.
    void stop();

    /// Users, roles and projects of every partition; complete once `ready()`.
    const commands::directory& directory() const noexcept { return directory_; }

private:
    class shard;
    write_service_config config_;
    telemetry::metrics& metrics_;
    commands::directory directory_;
    std::vector<std::unique_ptr<shard>> shards_;
};

} // namespace ventros::commands
