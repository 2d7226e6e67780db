// Read-your-writes probe: creates leads at a fixed rate and, for every 2xx, reads the
// lead back with GET /v1/tenants/{t}/leads/{id}?consistency=<position> until it answers
// 200; the figure is the time from the create's 2xx to that 200.
// Writer threads send on a fixed schedule (no coordinated omission: a late send is sent
// at once and counted); reader threads take the created leads from a queue.
// Prints one JSON line. Tokens: one per line, for tenants <prefix>1..N in order.
// Usage: ryw_probe --port P --tokens FILE [--host 127.0.0.1] [--tenants 1000]
//          [--tenant-prefix bench-] [--rate 2000] [--seconds 20] [--warmup 3]
//          [--writers 32] [--readers 64]
#include "percentile.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using ventros::bench::percentile;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

struct options {
    std::string host = "127.0.0.1";
    std::string port;
    std::string tokens_file;
    int tenants = 1000;
    std::string tenant_prefix = "bench-";
    double rate = 2000;
    double seconds = 20;
    double warmup = 3;
    int writers = 32;
    int readers = 64;
};

/// A keep-alive HTTP/1.1 connection that reconnects once when the server closed it.
class connection {
public:
    connection(const std::string& host, const std::string& port)
        : endpoints_(tcp::resolver(io_).resolve(host, port)) {}

    http::response<http::string_body> send(const http::request<http::string_body>& req) {
        for (int attempt = 0;; ++attempt) {
            try {
                if (!socket_) {
                    socket_.emplace(io_);
                    asio::connect(*socket_, endpoints_);
                    socket_->set_option(tcp::no_delay(true));
                }
                http::write(*socket_, req);
                http::response<http::string_body> res;
                http::read(*socket_, buffer_, res);
                if (!res.keep_alive()) {
                    socket_.reset();
                }
                return res;
            } catch (const boost::system::system_error&) {
                socket_.reset();
                buffer_.clear();
                if (attempt > 0) {
                    throw;
                }
            }
        }
    }

private:
    asio::io_context io_;
    tcp::resolver::results_type endpoints_;
    std::optional<tcp::socket> socket_;
    beast::flat_buffer buffer_;
};

/// A lead whose create answered 2xx, to read back.
struct created {
    int tenant = 0;
    std::string id;
    std::string position;
    clock_type::time_point acknowledged;
};

/// Everything the threads share.
struct shared_state {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<created> queue;
    bool writers_done = false;

    std::vector<double> ryw_ms;    // after the warm-up only
    std::vector<double> create_ms; // after the warm-up only
    std::atomic<long> sent{0}, create_errors{0}, late_sends{0}, not_visible{0}, read_errors{0};
};

double ms_between(clock_type::time_point a, clock_type::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

void write_loop(const options& o, const std::vector<std::string>& tokens, int index,
                clock_type::time_point start, clock_type::time_point measure_from,
                clock_type::time_point end, shared_state& s) {
    connection c(o.host, o.port);
    const auto interval = std::chrono::duration<double>(1.0 / o.rate);
    for (long k = 0;; ++k) {
        const auto slot = start + std::chrono::duration_cast<clock_type::duration>(
                                      interval * static_cast<double>(k * o.writers + index));
        if (slot >= end) {
            break;
        }
        if (clock_type::now() > slot + std::chrono::milliseconds(1)) {
            ++s.late_sends;
        }
        std::this_thread::sleep_until(slot);
        const int tenant = static_cast<int>((k * o.writers + index) % o.tenants) + 1;
        http::request<http::string_body> req{
            http::verb::post, "/v1/tenants/" + o.tenant_prefix + std::to_string(tenant) + "/leads",
            11};
        req.set(http::field::host, o.host);
        req.set(http::field::authorization, "Bearer " + tokens[tenant - 1]);
        req.set(http::field::content_type, "application/json");
        req.set("Idempotency-Key", "ryw-" + std::to_string(index) + "-" + std::to_string(k));
        req.body() = R"({"name":"RYW lead )" + std::to_string(k) + R"(","source":"api"})";
        req.prepare_payload();
        ++s.sent;
        const auto sent_at = clock_type::now();
        try {
            const auto res = c.send(req);
            const auto acknowledged = clock_type::now();
            if (res.result_int() / 100 != 2) {
                ++s.create_errors;
                continue;
            }
            const auto body = nlohmann::json::parse(res.body());
            std::lock_guard lock(s.mutex);
            if (sent_at >= measure_from) {
                s.create_ms.push_back(ms_between(sent_at, acknowledged));
            }
            s.queue.push_back({tenant, body.at("id").get<std::string>(),
                               body.at("position").get<std::string>(), acknowledged});
            s.ready.notify_one();
        } catch (const std::exception&) {
            ++s.create_errors;
        }
    }
}

void read_loop(const options& o, const std::vector<std::string>& tokens,
               clock_type::time_point measure_from, shared_state& s) {
    connection c(o.host, o.port);
    for (;;) {
        created lead;
        {
            std::unique_lock lock(s.mutex);
            s.ready.wait(lock, [&] { return !s.queue.empty() || s.writers_done; });
            if (s.queue.empty()) {
                return;
            }
            lead = std::move(s.queue.front());
            s.queue.pop_front();
        }
        http::request<http::string_body> req{http::verb::get,
                                             "/v1/tenants/" + o.tenant_prefix +
                                                 std::to_string(lead.tenant) + "/leads/" + lead.id +
                                                 "?consistency=" + lead.position,
                                             11};
        req.set(http::field::host, o.host);
        req.set(http::field::authorization, "Bearer " + tokens[lead.tenant - 1]);
        const auto give_up = lead.acknowledged + std::chrono::seconds(10);
        for (;;) {
            unsigned status = 0;
            try {
                status = c.send(req).result_int();
            } catch (const std::exception&) {
                ++s.read_errors;
            }
            const auto now = clock_type::now();
            if (status == 200) {
                if (lead.acknowledged >= measure_from) {
                    std::lock_guard lock(s.mutex);
                    s.ryw_ms.push_back(ms_between(lead.acknowledged, now));
                }
                break;
            }
            if (now >= give_up) {
                ++s.not_visible;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
}

std::vector<std::string> read_tokens(const options& o) {
    std::ifstream in(o.tokens_file);
    std::vector<std::string> tokens;
    for (std::string line; std::getline(in, line);) {
        tokens.push_back(line);
    }
    if (tokens.size() < static_cast<std::size_t>(o.tenants)) {
        throw std::runtime_error("fewer tokens than tenants in " + o.tokens_file);
    }
    return tokens;
}

int run(const options& o) {
    const auto tokens = read_tokens(o);
    shared_state s;
    const auto start = clock_type::now() + std::chrono::milliseconds(200);
    const auto seconds = [](double x) {
        return std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(x));
    };
    const auto measure_from = start + seconds(o.warmup);
    const auto end = measure_from + seconds(o.seconds);

    std::vector<std::jthread> readers;
    for (int i = 0; i < o.readers; ++i) {
        readers.emplace_back([&] { read_loop(o, tokens, measure_from, s); });
    }
    {
        std::vector<std::jthread> writers;
        for (int i = 0; i < o.writers; ++i) {
            writers.emplace_back([&, i] { write_loop(o, tokens, i, start, measure_from, end, s); });
        }
    }
    const double elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
    {
        std::lock_guard lock(s.mutex);
        s.writers_done = true;
    }
    s.ready.notify_all();
    readers.clear();

    std::printf("{\"rate_target\": %.0f, \"rate_achieved\": %.1f, \"sent\": %ld, "
                "\"create_errors\": %ld, \"late_sends\": %ld, \"samples\": %zu, "
                "\"not_visible\": %ld, \"read_errors\": %ld, \"ryw_p50_ms\": %.3f, "
                "\"ryw_p99_ms\": %.3f, \"ryw_max_ms\": %.3f, \"create_p50_ms\": %.3f, "
                "\"create_p99_ms\": %.3f}\n",
                o.rate, static_cast<double>(s.sent.load()) / elapsed, s.sent.load(),
                s.create_errors.load(), s.late_sends.load(), s.ryw_ms.size(), s.not_visible.load(),
                s.read_errors.load(), percentile(s.ryw_ms, 50), percentile(s.ryw_ms, 99),
                percentile(s.ryw_ms, 100), percentile(s.create_ms, 50),
                percentile(s.create_ms, 99));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    CLI::App app{"Read-your-writes latency at a fixed command rate"};
    app.add_option("--port", o.port, "the gateway's HTTP port")->required();
    app.add_option("--tokens", o.tokens_file, "one JWT per line, tenant 1 first")->required();
    app.add_option("--host", o.host);
    app.add_option("--tenants", o.tenants)->check(CLI::PositiveNumber);
    app.add_option("--tenant-prefix", o.tenant_prefix);
    app.add_option("--rate", o.rate, "creates per second")->check(CLI::PositiveNumber);
    app.add_option("--seconds", o.seconds, "measured seconds");
    app.add_option("--warmup", o.warmup, "seconds sent before measuring");
    app.add_option("--writers", o.writers)->check(CLI::PositiveNumber);
    app.add_option("--readers", o.readers)->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "ryw_probe: " << e.what() << "\n";
        return 1;
    }
}
