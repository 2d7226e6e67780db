#pragma once

#include "ventros/telemetry/log.hpp"

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace ventros::gateway {

/// Read-your-writes support (DESIGN §4): mirrors the projectors' checkpoints
/// (`projection_checkpoints`) in memory, kept current by `LISTEN ventros_checkpoints`
/// on a dedicated connection and thread. All rows are reloaded at start and after every
/// reconnect; a lost connection is retried with backoff (waits simply time out meanwhile).
/// Thread-safe. Destroy before the io_context of any waiting coroutine.
class checkpoint_watcher final {
public:
    checkpoint_watcher(std::string conninfo, telemetry::logger log);
    ~checkpoint_watcher();
    checkpoint_watcher(const checkpoint_watcher&) = delete;
    checkpoint_watcher& operator=(const checkpoint_watcher&) = delete;

    /// Starts the listener thread. Never throws for database errors (they are retried).
    void start();
    /// Stops and joins the listener thread. Idempotent.
    void stop();

    /// Resumes with true as soon as the checkpoint's next_offset is greater than `offset`
    /// (at once if it already is), false after `timeout`. Parks on a timer of the calling
    /// coroutine's executor; no polling.
    boost::asio::awaitable<bool> wait_until(std::string projection, std::string topic,
                                            int partition, std::int64_t offset,
                                            std::chrono::milliseconds timeout);

    /// The known next offset, or 0 when no checkpoint is known.
    std::int64_t next_offset(const std::string& projection, const std::string& topic,
                             int partition) const;

    /// True while the listening connection is up and the rows are loaded.
    bool connected() const noexcept { return connected_.load(); }

private:
    using key = std::tuple<std::string, std::string, int>;
    struct waiter;

    void run();
    void listen_once();
    /// Raises (or, with `replace`, sets) positions and wakes the waiters they satisfy.
    void apply(std::map<key, std::int64_t> positions, bool replace);
    void handle_notification(const std::string& payload);

    std::string conninfo_;
    telemetry::logger log_;
    mutable std::mutex mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::atomic<bool> connected_{false};
    std::map<key, std::int64_t> positions_;
    std::multimap<key, std::shared_ptr<waiter>> waiters_;
    std::thread thread_;
};

} // namespace ventros::gateway
