#pragma once

#include "ventros/gateway/router.hpp"
#include "ventros/telemetry/log.hpp"

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ventros::gateway {

struct http_server_config {
    std::string address = "127.0.0.1";
    unsigned short port = 8080; ///< 0 picks a free port (see http_server::port)
    int io_threads = 2;
    std::size_t body_limit = 1 << 20;
    std::size_t header_limit = 16 * 1024;
    /// Longest wait for the rest of a started request (then 408) or for a write.
    std::chrono::seconds read_timeout{10};
    /// Longest wait for the next request on a kept-alive connection (then close).
    std::chrono::seconds idle_timeout{60};
};

/// The HTTP/1.1 server: one coroutine per connection on a strand, reading with header,
/// body and time limits, answering transport errors with problems (400, 408, 413, 415,
/// 431) and everything else through the router. Handlers run on the io threads and must
/// not block. Lifecycle: start → stop_accepting → drain → stop (the destructor stops).
class http_server final {
public:
    http_server(http_server_config config, const router& routes, telemetry::logger log);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    /// Binds, listens and runs the io threads. Throws boost::system::system_error when
    /// the address cannot be bound.
    void start();

    /// The bound port (the actual one when configured with 0). Valid after start().
    unsigned short port() const noexcept { return bound_port_; }

    /// Closes the listening socket; connections in progress finish their current request
    /// and are then closed (responses say `Connection: close`). Thread-safe.
    void stop_accepting();

    /// Waits until no request is being handled or `timeout` passes; true if none is left.
    /// Call from a thread that is not an io thread.
    bool drain(std::chrono::milliseconds timeout);

    /// Stops the io_context and joins the io threads. Idempotent.
    void stop();

    boost::asio::io_context& io() noexcept { return io_; }

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);

    void request_started();
    void request_finished();

    http_server_config config_;
    const router& router_;
    telemetry::logger log_;

    // Declared before io_ so coroutine frames destroyed with io_ can still touch them.
    std::mutex mutex_;
    std::condition_variable idle_;
    std::size_t in_flight_ = 0;
    std::atomic<bool> accepting_{false};

    boost::asio::io_context io_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::optional<boost::asio::ip::tcp::acceptor> acceptor_;
    unsigned short bound_port_ = 0;
    std::vector<std::thread> threads_;
};

} // namespace ventros::gateway
