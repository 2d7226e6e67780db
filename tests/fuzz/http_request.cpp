// Fuzzes the gateway's request path up to the handlers: bytes from a client go through
// Beast's request_parser with the server's limits (http::read, as the server's
// async_read), the server's failure mapping, media-type check and request id, then the
// real router with the real routes: operational ones, and the lead routes on a write
// service that is never started (canned writes: authenticate, validate and decode, then
// a fixed answer) and a read-model pool whose database cannot be reached.
// The first input byte sets how many bytes each socket read returns (1 to 256), so
// requests arrive in pieces; the rest is the byte stream of one connection, which may
// hold several pipelined requests.
// Invariants: nothing throws; no 5xx except 503 "unavailable" from a read route (its
// database is absent by construction); every response carries the request id, has a
// JSON body when it says so (a problem's `status` is the HTTP status), and serializes
// into bytes that parse back to the same status and body.
#include "fuzz_check.hpp"
#include "ventros/commands/write_service.hpp"
#include "ventros/gateway/checkpoint_watcher.hpp"
#include "ventros/gateway/http_server.hpp"
#include "ventros/gateway/lead_routes.hpp"
#include "ventros/gateway/operational_routes.hpp"
#include "ventros/gateway/query_pool.hpp"
#include "ventros/gateway/request_reading.hpp"
#include "ventros/telemetry/log.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using ventros::fuzzing::require;
using namespace ventros;
using namespace ventros::gateway;
namespace asio = boost::asio;
using boost::system::error_code;

/// A connection's incoming bytes, handed out at most `chunk` at a time, then EOF.
struct byte_stream {
    std::string_view rest;
    std::size_t chunk;

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, error_code& ec) {
        if (rest.empty()) {
            ec = asio::error::eof;
            return 0;
        }
        const auto n =
            asio::buffer_copy(buffers, asio::buffer(rest.data(), std::min(chunk, rest.size())));
        rest.remove_prefix(n);
        ec = {};
        return n;
    }

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
        error_code ec;
        const auto n = read_some(buffers, ec);
        if (ec) {
            throw boost::system::system_error(ec);
        }
        return n;
    }
};

/// The gateway's routes on backends that need neither Kafka nor PostgreSQL.
struct gateway_under_test {
    telemetry::metrics metrics;
    commands::write_service writer{commands::write_service_config{}, metrics};
    // A socket directory that does not exist: every query fails at once as unavailable.
    query_pool queries{"host=/nonexistent/ventros-fuzz port=1 connect_timeout=1", 1, 0};
    checkpoint_watcher checkpoints{"host=/nonexistent/ventros-fuzz", telemetry::logger("fuzz")};
    lead_routes_context context{
        .writer = writer,
        .queries = queries,
        .checkpoints = checkpoints,
        .jwt = jwt_config{.secret = "fuzz-secret-0123456789abcdef0123456789abcdef"},
        .topics = eventlog::topics::with_prefix("fuzz."),
        .consistency_timeout = std::chrono::milliseconds(0),
        .canned_writes = true};
    router routes{metrics, telemetry::logger("http")};
    request_limits limits{http_server_config{}.header_limit, http_server_config{}.body_limit};
    asio::io_context io;

    gateway_under_test() {
        telemetry::set_log_level("error");
        add_operational_routes(routes, metrics, [] { return true; });
        add_lead_routes(routes, context);
    }

    response answer(const request& req, std::string request_id) {
        std::optional<response> res;
        std::exception_ptr failure;
        asio::co_spawn(
            io,
            answer_request(routes, req, std::move(request_id), std::chrono::steady_clock::now()),
            [&](std::exception_ptr e, response r) {
                failure = e;
                res = std::move(r);
            });
        io.restart();
        io.run();
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                require(false, "answering a request never throws", e.what());
            }
        }
        require(res.has_value(), "every request is answered");
        return std::move(*res);
    }
};

bool read_route(const request& req) {
    return req.method() == http::verb::get && req.target().starts_with("/v1/tenants/");
}

void check_response(const response& res, const std::string& request_id, bool may_be_unavailable,
                    std::string_view input) {
    const auto status = res.result_int();
    const std::string what =
        std::to_string(status) + " " + res.body() + "\nfor input:\n" + std::string(input);
    require(status >= 200 && status < 600, "a response has a real status", what);
    if (status >= 500) {
        require(may_be_unavailable && status == 503, "no 5xx but 503 from a read route", what);
    }
    require(res["X-Request-Id"] == request_id, "the response carries the request id", what);
    const auto type = res[http::field::content_type];
    if (type == "application/json" || type == "application/problem+json") {
        const auto body = nlohmann::json::parse(res.body(), nullptr, false);
        require(!body.is_discarded(), "a JSON response has a JSON body", what);
        if (type == "application/problem+json") {
            require(body.value("status", 0u) == status, "a problem's status is the HTTP status",
                    what);
            if (status == 503) {
                require(body.value("type", "") == "https://ventros.dev/problems/unavailable",
                        "the only 503 is unavailable", what);
            }
        }
    }
    std::ostringstream wire;
    wire << res;
    const std::string bytes = wire.str();
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    error_code ec;
    std::string_view unread = bytes;
    for (;;) {
        const auto used = parser.put(asio::buffer(unread.data(), unread.size()), ec);
        unread.remove_prefix(used);
        if (ec == http::error::need_more) {
            ec = {};
        }
        if (ec || parser.is_done()) {
            break;
        }
        if (used == 0) {
            parser.put_eof(ec);
            break;
        }
    }
    require(!ec && parser.is_done(), "a response serializes into a valid HTTP message",
            ec.message() + "\n" + bytes);
    require(parser.get().result_int() == status && parser.get().body() == res.body(),
            "a serialized response parses back to itself", bytes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gateway_under_test gateway;
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    byte_stream stream{input, std::size_t{data[0]} + 1};
    boost::beast::flat_buffer buffer;
    // One connection, as http_server::session: requests until one fails or does not keep
    // the connection alive.
    for (;;) {
        if (buffer.size() == 0 && stream.rest.empty()) {
            return 0; // the client closed between requests: nothing to answer
        }
        request_parser parser;
        apply_limits(parser, gateway.limits);
        error_code ec;
        http::read(stream, buffer, parser, ec);
        if (ec) {
            const auto p = read_failure_problem(ec, false, gateway.limits);
            require(p.has_value() && p->status >= 400 && p->status < 500,
                    "a request that cannot be read gets a 4xx", ec.message());
            const auto id = new_request_id();
            const auto res = gateway.routes.reject(*p, id, failed_request_method(parser), 11, false,
                                                   std::chrono::steady_clock::now());
            check_response(res, id, false, input);
            return 0;
        }
        const request req = parser.release();
        const auto id = request_id_for(req);
        const auto res = gateway.answer(req, id);
        check_response(res, id, read_route(req), input);
        if (!req.keep_alive() || res.need_eof()) {
            return 0;
        }
    }
}
