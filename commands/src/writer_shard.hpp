#pragma once

#include "aggregate_store.hpp"
#include "idempotency_window.hpp"
#include "ventros/commands/write_service.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/telemetry/log.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace ventros::commands {

/// One partition writer: a thread, a transactional producer and the state of the
/// partitions `p` with `p % shards == index`. See write_service for the contract.
class write_service::shard {
public:
    shard(int index, const write_service_config& config, telemetry::metrics& metrics,
          commands::directory& directory);
    ~shard();

    void start();
    void stop();
    bool ready() const noexcept { return ready_.load(); }
    void submit(write_request request, std::function<void(write_outcome)> done);

private:
    struct pending {
        write_request request;
        std::function<void(write_outcome)> done;
    };
    /// A command decided in the current batch, waiting for the commit.
    struct decided {
        pending command;
        std::vector<decided_event> events;
        std::string command_id;
        std::size_t first_record = 0; ///< index into the batch's records
    };

    void run(std::stop_token stop);
    /// The result of a committed command: its first own event's aggregate and status,
    /// that aggregate's version after the command, the position of its last event.
    static write_result result_of(const decided& d,
                                  const std::vector<eventlog::position>& positions);
    /// (Re)creates the producer (fencing any older one), then reads the owned partitions
    /// from where this shard last was to their ends. Retries with backoff until it
    /// succeeds or stop is requested. Returns false when stopped first.
    bool connect(std::stop_token stop);
    void catch_up();
    void apply_logged(const eventlog::record& r);
    void process(std::vector<pending>& batch);
    void fail_all(std::vector<pending>& commands, write_failure::kind why);
    std::vector<pending> take_batch(std::stop_token stop);

    int index_;
    const write_service_config& config_;
    telemetry::metrics& metrics_;
    commands::directory& directory_;
    telemetry::logger log_;
    eventlog::topics topics_;                  ///< where each kind of event goes
    std::vector<std::string> replayed_topics_; ///< every topic this writer appends to
    std::vector<std::int32_t> partitions_;
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> next_offsets_;

    std::unique_ptr<eventlog::transactional_producer> producer_;
    aggregate_store store_;
    idempotency_window window_;

    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::deque<pending> queue_;
    bool accepting_ = true;
    std::atomic<bool> ready_{false};
    std::atomic<bool> serving_{false};
    std::jthread thread_;
};

} // namespace ventros::commands
