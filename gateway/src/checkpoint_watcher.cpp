#include "ventros/gateway/checkpoint_watcher.hpp"

#include <algorithm>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <functional>
#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/notification>
#include <pqxx/result>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;
constexpr const char* listen_channel = "ventros_checkpoints";
constexpr std::chrono::milliseconds first_backoff{100};
constexpr std::chrono::milliseconds max_backoff{5000};

} // namespace

struct checkpoint_watcher::waiter {
    std::int64_t offset = 0;
    std::mutex mutex;
    std::function<void(bool)> complete; // emptied by whichever of notify/timeout comes first
    std::unique_ptr<asio::steady_timer> timer;

    bool finish(bool value) {
        std::function<void(bool)> c;
        {
            const std::lock_guard lock(mutex);
            c.swap(complete);
        }
        if (!c) {
            return false;
        }
        c(value);
        return true;
    }
};

checkpoint_watcher::checkpoint_watcher(std::string conninfo, telemetry::logger log)
    : conninfo_(std::move(conninfo)), log_(std::move(log)) {}

checkpoint_watcher::~checkpoint_watcher() {
    stop();
}

void checkpoint_watcher::start() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    if (!thread_.joinable()) {
        thread_ = std::thread([this] { run(); });
    }
}

void checkpoint_watcher::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

boost::asio::awaitable<bool> checkpoint_watcher::wait_until(std::string projection,
                                                            std::string topic, int partition,
                                                            std::int64_t offset,
                                                            std::chrono::milliseconds timeout) {
    const key k{std::move(projection), std::move(topic), partition};
    auto w = std::make_shared<waiter>();
    w->offset = offset;
    auto init = [this, &k, &w, timeout](auto handler) {
        auto executor = asio::get_associated_executor(handler);
        auto tracked = asio::prefer(executor, asio::execution::outstanding_work.tracked);
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        w->complete = [shared, tracked](bool value) {
            asio::post(tracked, [shared, value] { std::move (*shared)(value); });
        };
        std::unique_lock lock(mutex_);
        if (const auto it = positions_.find(k); it != positions_.end() && it->second > w->offset) {
            lock.unlock();
            w->finish(true);
            return;
        }
        // The wait starts before the waiter is visible to the listener thread, which only
        // ever cancels the timer afterwards, from the timer's own executor.
        w->timer = std::make_unique<asio::steady_timer>(executor, timeout);
        w->timer->async_wait([w = w](boost::system::error_code) { w->finish(false); });
        waiters_.emplace(k, w);
    };
    const bool reached = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(bool)>(
        std::move(init), asio::use_awaitable);
    {
        const std::lock_guard lock(mutex_);
        for (auto [it, end] = waiters_.equal_range(k); it != end; ++it) {
            if (it->second == w) {
                waiters_.erase(it);
                break;
            }
        }
    }
    co_return reached;
}

std::int64_t checkpoint_watcher::next_offset(const std::string& projection,
                                             const std::string& topic, int partition) const {
    const std::lock_guard lock(mutex_);
    const auto it = positions_.find(key{projection, topic, partition});
    return it == positions_.end() ? 0 : it->second;
}

void checkpoint_watcher::apply(std::map<key, std::int64_t> positions, bool replace) {
    std::vector<std::shared_ptr<waiter>> satisfied;
    {
        const std::lock_guard lock(mutex_);
        if (replace) {
            positions_ = std::move(positions);
        } else {
            for (const auto& [k, next] : positions) {
                auto& current = positions_[k];
                current = std::max(current, next);
            }
        }
        for (auto it = waiters_.begin(); it != waiters_.end();) {
            const auto pos = positions_.find(it->first);
            if (pos != positions_.end() && pos->second > it->second->offset) {
                satisfied.push_back(it->second);
                it = waiters_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto& w : satisfied) {
        if (w->finish(true)) {
            asio::post(w->timer->get_executor(), [w] { w->timer->cancel(); });
        }
    }
}

void checkpoint_watcher::handle_notification(const std::string& payload) {
    const auto j = nlohmann::json::parse(payload, nullptr, false);
    const bool shaped = j.is_object() && j.contains("projection") && j["projection"].is_string() &&
                        j.contains("topic") && j["topic"].is_string() && j.contains("positions") &&
                        j["positions"].is_object();
    if (!shaped) {
        log_.warn("ignoring malformed checkpoint notification", {{"payload", payload}});
        return;
    }
    std::map<key, std::int64_t> positions;
    for (const auto& [partition_text, next] : j["positions"].items()) {
        int partition = 0;
        const auto* end = partition_text.data() + partition_text.size();
        const auto [ptr, ec] = std::from_chars(partition_text.data(), end, partition);
        if (ec != std::errc{} || ptr != end || !next.is_number_integer()) {
            log_.warn("ignoring malformed checkpoint notification", {{"payload", payload}});
            return;
        }
        positions[key{j["projection"].get<std::string>(), j["topic"].get<std::string>(),
                      partition}] = next.get<std::int64_t>();
    }
    apply(std::move(positions), false);
}

void checkpoint_watcher::run() {
    auto backoff = first_backoff;
    for (;;) {
        try {
            listen_once();
        } catch (const std::exception& e) {
            if (connected_.exchange(false)) {
                backoff = first_backoff;
            }
            log_.warn("checkpoint listener disconnected",
                      {{"error", e.what()}, {"retry_ms", backoff.count()}});
        }
        connected_ = false;
        std::unique_lock lock(mutex_);
        if (stop_signal_.wait_for(lock, backoff, [this] { return stopping_; })) {
            return;
        }
        backoff = std::min(backoff * 2, max_backoff);
    }
}

void checkpoint_watcher::listen_once() {
    pqxx::connection conn(conninfo_);

    class receiver final : public pqxx::notification_receiver {
    public:
        receiver(pqxx::connection_base& c, checkpoint_watcher& owner)
            : pqxx::notification_receiver(c, listen_channel), owner_(owner) {}
        void operator()(const std::string& payload, int) override {
            owner_.handle_notification(payload);
        }

    private:
        checkpoint_watcher& owner_;
    };
    // LISTEN before loading, so no checkpoint committed in between is missed.
    receiver listener(conn, *this);

    std::map<key, std::int64_t> rows;
    {
        pqxx::nontransaction tx(conn);
        for (const auto& row : tx.exec(
                 "SELECT projection, topic, partition, next_offset FROM projection_checkpoints")) {
            rows[key{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>()}] =
                row[3].as<std::int64_t>();
        }
    }
    apply(std::move(rows), true);
    connected_ = true;
    log_.info("checkpoint listener connected");

    for (;;) {
        {
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
        }
        if (!conn.is_open()) {
            throw pqxx::broken_connection("checkpoint listener connection closed");
        }
        conn.await_notification(0, 200'000);
    }
}

} // namespace ventros::gateway
