#include "ventros/gateway/http_server.hpp"

#include "ventros/gateway/request_reading.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <future>
#include <memory>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// One accepted connection. Reads are bounded by our own timer rather than
// beast::tcp_stream's, because tcp_stream closes the socket on expiry and a timed-out
// request still deserves its 408: cancelling the pending read keeps the socket usable.
struct connection : std::enable_shared_from_this<connection> {
    explicit connection(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}

    /// Cancels whatever socket operation is pending once `d` has passed.
    void arm(std::chrono::steady_clock::duration d) {
        timed_out = false;
        timer.expires_after(d);
        timer.async_wait([self = shared_from_this(), gen = ++generation](error_code ec) {
            if (!ec && gen == self->generation) {
                self->timed_out = true;
                error_code ignored;
                self->socket.cancel(ignored);
            }
        });
    }

    /// Stops the timer; true if it fired since arm().
    bool disarm() {
        ++generation;
        timer.cancel();
        return timed_out;
    }

    tcp::socket socket;
    asio::steady_timer timer;
    std::uint64_t generation = 0;
    bool timed_out = false;
};

asio::awaitable<bool> write(connection& conn, response& res, std::chrono::seconds timeout) {
    conn.arm(timeout);
    auto [ec, n] = co_await http::async_write(conn.socket, res, use_tuple);
    conn.disarm();
    co_return !ec;
}

/// Half-closes, then discards what the client still sends (bounded by `timeout`), so the
/// kernel does not answer unread data with a reset that would destroy our response.
asio::awaitable<void> lingering_close(connection& conn, std::chrono::seconds timeout) {
    error_code ec;
    conn.socket.shutdown(tcp::socket::shutdown_send, ec);
    if (!ec) {
        std::array<char, 16 * 1024> scratch{};
        conn.arm(timeout);
        for (;;) {
            auto [read_ec, n] =
                co_await conn.socket.async_read_some(asio::buffer(scratch), use_tuple);
            if (read_ec) {
                break;
            }
        }
        conn.disarm();
    }
    conn.socket.close(ec);
}

} // namespace

http_server::http_server(http_server_config config, const router& routes, telemetry::logger log)
    : config_(std::move(config)), router_(routes), log_(std::move(log)), io_(config_.io_threads) {}

http_server::~http_server() {
    stop();
}

void http_server::start() {
    const tcp::endpoint endpoint{asio::ip::make_address(config_.address), config_.port};
    acceptor_.emplace(asio::make_strand(io_));
    acceptor_->open(endpoint.protocol());
    acceptor_->set_option(asio::socket_base::reuse_address(true));
    acceptor_->bind(endpoint);
    acceptor_->listen(asio::socket_base::max_listen_connections);
    bound_port_ = acceptor_->local_endpoint().port();
    accepting_ = true;
    work_.emplace(io_.get_executor());

    asio::co_spawn(acceptor_->get_executor(), accept_loop(), [this](std::exception_ptr e) {
        if (e) {
            log_.error("accept loop ended by an exception");
        }
    });
    for (int i = 0; i < std::max(1, config_.io_threads); ++i) {
        threads_.emplace_back([this] {
            for (;;) {
                try {
                    io_.run();
                    return;
                } catch (const std::exception& e) {
                    log_.error("io thread caught an exception", {{"error", e.what()}});
                }
            }
        });
    }
    log_.info("listening", {{"address", config_.address}, {"port", bound_port_}});
}

void http_server::stop_accepting() {
    if (!accepting_.exchange(false) || !acceptor_) {
        return;
    }
    std::promise<void> closed;
    auto done = closed.get_future();
    asio::post(acceptor_->get_executor(), [this, &closed] {
        error_code ignored;
        acceptor_->close(ignored);
        closed.set_value();
    });
    // Bounded wait: if the io threads are already gone, stop() closes the acceptor.
    done.wait_for(std::chrono::seconds(5));
}

bool http_server::drain(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return in_flight_ == 0; });
}

void http_server::stop() {
    accepting_ = false;
    work_.reset();
    io_.stop();
    for (auto& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
    threads_.clear();
    if (acceptor_) {
        error_code ignored;
        acceptor_->close(ignored);
    }
}

void http_server::request_started() {
    const std::lock_guard lock(mutex_);
    ++in_flight_;
}

void http_server::request_finished() {
    const std::lock_guard lock(mutex_);
    if (--in_flight_ == 0) {
        idle_.notify_all();
    }
}

asio::awaitable<void> http_server::accept_loop() {
    asio::steady_timer backoff(acceptor_->get_executor());
    while (acceptor_->is_open()) {
        // A named strand, not a temporary in the co_await expression: GCC 12 destroys such
        // temporaries twice, which freed the connection's strand while it was in use.
        const auto strand = asio::make_strand(io_);
        auto [ec, socket] = co_await acceptor_->async_accept(strand, use_tuple);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor_->is_open()) {
                co_return;
            }
            // Typically out of file descriptors: pause instead of spinning.
            log_.warn("accept failed", {{"error", ec.message()}});
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(use_tuple);
            continue;
        }
        error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto executor = socket.get_executor();
        asio::co_spawn(executor, session(tcp::socket(std::move(socket))),
                       [this](std::exception_ptr e) {
                           if (!e) {
                               return;
                           }
                           try {
                               std::rethrow_exception(e);
                           } catch (const std::exception& x) {
                               log_.error("connection failed", {{"error", x.what()}});
                           } catch (...) {
                               log_.error("connection failed");
                           }
                       });
    }
}

asio::awaitable<void> http_server::session(tcp::socket socket) {
    auto conn = std::make_shared<connection>(std::move(socket));
    boost::beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
        // Waiting for a request to begin is idle time; once it has begun, the whole
        // request must arrive within read_timeout.
        if (buffer.size() == 0) {
            conn->arm(first ? config_.read_timeout : config_.idle_timeout);
            auto [ec, n] = co_await conn->socket.async_read_some(buffer.prepare(4096), use_tuple);
            conn->disarm();
            if (ec) {
                error_code ignored;
                conn->socket.close(ignored);
                co_return;
            }
            buffer.commit(n);
        }
        first = false;
        const auto started = std::chrono::steady_clock::now();

        const request_limits limits{config_.header_limit, config_.body_limit};
        request_parser parser;
        apply_limits(parser, limits);
        conn->arm(config_.read_timeout);
        auto [read_ec, read_n] = co_await http::async_read(conn->socket, buffer, parser, use_tuple);
        const bool timed_out = conn->disarm();
        if (read_ec) {
            if (const auto p = read_failure_problem(read_ec, timed_out, limits)) {
                auto res = router_.reject(*p, new_request_id(), failed_request_method(parser), 11,
                                          false, started);
                co_await write(*conn, res, config_.read_timeout);
            }
            co_await lingering_close(*conn, config_.read_timeout);
            co_return;
        }

        request req = parser.release();
        const auto request_id = request_id_for(req);
        request_started();
        struct finish_guard {
            http_server& server;
            ~finish_guard() { server.request_finished(); }
        } guard{*this};

        response res = co_await answer_request(router_, req, request_id, started);
        const bool keep_alive = req.keep_alive() && accepting_.load() && !res.need_eof();
        res.keep_alive(keep_alive);
        if (!co_await write(*conn, res, config_.read_timeout) || !keep_alive) {
            error_code ignored;
            conn->socket.shutdown(tcp::socket::shutdown_send, ignored);
            conn->socket.close(ignored);
            co_return;
        }
    }
}

} // namespace ventros::gateway
