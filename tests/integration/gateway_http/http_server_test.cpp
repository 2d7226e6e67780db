// Pins the HTTP server as a client sees it: limits, timeouts, media type, keep-alive, drain.
#include "http_client.hpp"
#include "ventros/gateway/http_server.hpp"
#include "ventros/gateway/operational_routes.hpp"

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <doctest/doctest.h>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

using namespace ventros::gateway;
using ventros::test::http_client;
using json = nlohmann::json;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

struct server_fixture {
    ventros::telemetry::metrics metrics;
    router routes{metrics, ventros::telemetry::logger("http-test")};
    std::atomic<bool> ready{false};
    std::atomic<bool> slow_started{false};
    std::unique_ptr<http_server> server;

    server_fixture() {
        add_operational_routes(routes, metrics, [this] { return ready.load(); });
        routes.add(http::verb::post, "/echo",
                   [](request_context& ctx) -> asio::awaitable<response> {
                       response res{http::status::ok, 11};
                       res.set(http::field::content_type, "application/json");
                       res.body() = ctx.req.body();
                       co_return res;
                   });
        routes.add(http::verb::get, "/slow", [this](request_context&) -> asio::awaitable<response> {
            slow_started = true;
            asio::steady_timer timer(co_await asio::this_coro::executor, 700ms);
            co_await timer.async_wait(asio::use_awaitable);
            co_return json_response(http::status::ok, {{"slow", true}});
        });
        http_server_config config;
        config.port = 0;
        config.read_timeout = 1s;
        config.idle_timeout = 2s;
        server =
            std::make_unique<http_server>(config, routes, ventros::telemetry::logger("http-test"));
        server->start();
    }
    ~server_fixture() { server->stop(); }

    unsigned short port() const { return server->port(); }
};

request make(http::verb method, std::string target, std::string body = {},
             std::string content_type = "application/json") {
    request req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!body.empty()) {
        req.set(http::field::content_type, content_type);
        req.body() = std::move(body);
    }
    req.keep_alive(true);
    return req;
}

std::string problem_type(const response& res) {
    const auto j = json::parse(res.body(), nullptr, false);
    return j.is_object() && j.contains("type") ? j["type"].get<std::string>() : "";
}

} // namespace

TEST_CASE_FIXTURE(server_fixture, "a JSON POST is routed and answered, keeping the request id") {
    CHECK(port() != 0);
    http_client client(port());
    auto req = make(http::verb::post, "/echo", R"({"hello":"world"})");
    req.set("X-Request-Id", "client-req.42");
    client.send(req);
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
    CHECK(json::parse(res->body()) == json{{"hello", "world"}});
    CHECK((*res)["X-Request-Id"] == "client-req.42");
}

TEST_CASE_FIXTURE(server_fixture, "an unusable X-Request-Id is replaced by a generated one") {
    http_client client(port());
    auto req = make(http::verb::get, "/healthz");
    req.set("X-Request-Id", "bad id with spaces");
    client.send(req);
    const auto res = client.read_response();
    REQUIRE(res);
    const std::string id((*res)["X-Request-Id"]);
    CHECK(id.size() == 16);
    CHECK(id.find(' ') == std::string::npos);
}

TEST_CASE_FIXTURE(server_fixture, "charset and case variations of application/json are accepted") {
    http_client client(port());
    client.send(make(http::verb::post, "/echo", "{}", "Application/JSON; charset=utf-8"));
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
}

TEST_CASE_FIXTURE(server_fixture,
                  "a body one byte over 1 MiB is a 413 problem and the connection closes") {
    http_client client(port());
    client.send(make(http::verb::post, "/echo", std::string((1 << 20) + 1, 'x')));
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 413);
    CHECK((*res)[http::field::content_type] == "application/problem+json");
    CHECK(problem_type(*res) == "https://ventros.dev/problems/payload-too-large");
    CHECK(client.closed_by_peer());
}

TEST_CASE_FIXTURE(server_fixture, "a body of exactly 1 MiB is accepted") {
    http_client client(port());
    const std::string body = "\"" + std::string((1 << 20) - 2, 'x') + "\"";
    client.send(make(http::verb::post, "/echo", body));
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
    CHECK(res->body().size() == body.size());
}

TEST_CASE_FIXTURE(server_fixture, "a 17 KiB header section is a 431 problem") {
    http_client client(port());
    auto req = make(http::verb::get, "/healthz");
    req.set("X-Filler", std::string(17 * 1024, 'a'));
    client.send(req);
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 431);
    CHECK(problem_type(*res) == "https://ventros.dev/problems/request-header-fields-too-large");
    CHECK(client.closed_by_peer());
}

TEST_CASE_FIXTURE(server_fixture,
                  "a text/plain body is a 415 problem and the connection stays usable") {
    http_client client(port());
    client.send(make(http::verb::post, "/echo", "hello", "text/plain"));
    auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 415);
    CHECK(problem_type(*res) == "https://ventros.dev/problems/unsupported-media-type");

    client.send(make(http::verb::post, "/echo", "{}", ""));
    res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 415);

    client.send(make(http::verb::get, "/healthz"));
    res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
}

TEST_CASE_FIXTURE(server_fixture, "malformed HTTP is a 400 problem and the connection closes") {
    for (const auto* bytes : {"GARBAGE\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost\r\n\r\n",
                              "POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
        CAPTURE(bytes);
        http_client client(port());
        client.send_raw(bytes);
        const auto res = client.read_response();
        REQUIRE(res);
        CHECK(res->result_int() == 400);
        CHECK(problem_type(*res) == "https://ventros.dev/problems/bad-request");
        CHECK(client.closed_by_peer());
    }
}

TEST_CASE_FIXTURE(server_fixture, "unknown paths are 404 and wrong methods 405 with Allow") {
    http_client client(port());
    client.send(make(http::verb::get, "/nowhere"));
    auto res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 404);
    CHECK(problem_type(*res) == "https://ventros.dev/problems/not-found");

    client.send(make(http::verb::get, "/echo"));
    res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 405);
    CHECK((*res)[http::field::allow] == "POST");
}

TEST_CASE_FIXTURE(server_fixture,
                  "a request left half-sent past read_timeout gets 408 and a close") {
    http_client client(port());
    client.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 10\r\n\r\n{\"a\"");
    const auto started = std::chrono::steady_clock::now();
    const auto res = client.read_response(4s);
    REQUIRE(res);
    CHECK(res->result_int() == 408);
    CHECK(problem_type(*res) == "https://ventros.dev/problems/request-timeout");
    CHECK(std::chrono::steady_clock::now() - started >= 900ms);
    CHECK(client.closed_by_peer());
}

TEST_CASE_FIXTURE(server_fixture, "an idle kept-alive connection is closed without a response") {
    http_client client(port());
    client.send(make(http::verb::get, "/healthz"));
    REQUIRE(client.read_response());
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(client.read_response(4s)); // nothing but the close
    CHECK(std::chrono::steady_clock::now() - started >= 1900ms);
}

TEST_CASE_FIXTURE(server_fixture, "two requests share one kept-alive connection") {
    http_client client(port());
    client.send(make(http::verb::post, "/echo", R"({"n":1})"));
    auto first = client.read_response();
    REQUIRE(first);
    CHECK(first->keep_alive());
    client.send(make(http::verb::post, "/echo", R"({"n":2})"));
    auto second = client.read_response();
    REQUIRE(second);
    CHECK(json::parse(second->body())["n"] == 2);
}

TEST_CASE_FIXTURE(server_fixture, "Connection: close is honoured") {
    http_client client(port());
    auto req = make(http::verb::get, "/healthz");
    req.keep_alive(false);
    client.send(req);
    const auto res = client.read_response();
    REQUIRE(res);
    CHECK_FALSE(res->keep_alive());
    CHECK(client.closed_by_peer());
}

TEST_CASE_FIXTURE(server_fixture, "healthz, readyz and metrics answer as operations expect") {
    http_client client(port());
    client.send(make(http::verb::get, "/healthz"));
    auto res = client.read_response();
    REQUIRE(res);
    CHECK(json::parse(res->body()) == json{{"status", "ok"}});

    client.send(make(http::verb::get, "/readyz"));
    res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 503);
    CHECK((*res)[http::field::retry_after] == "1");
    CHECK(problem_type(*res) == "https://ventros.dev/problems/not-ready");

    ready = true;
    client.send(make(http::verb::get, "/readyz"));
    res = client.read_response();
    REQUIRE(res);
    CHECK(res->result_int() == 200);

    client.send(make(http::verb::post, "/echo", "{}"));
    REQUIRE(client.read_response());
    client.send(make(http::verb::post, "/echo", "{}", "text/plain"));
    REQUIRE(client.read_response());
    client.send(make(http::verb::get, "/metrics"));
    res = client.read_response();
    REQUIRE(res);
    CHECK((*res)[http::field::content_type].starts_with("text/plain; version=0.0.4"));
    const auto& text = res->body();
    CHECK(text.find(R"(ventros_http_requests_total{method="POST",route="/echo",status="200"} 1)") !=
          std::string::npos);
    CHECK(
        text.find(R"(ventros_http_requests_total{method="GET",route="/readyz",status="503"} 1)") !=
        std::string::npos);
    CHECK(text.find(
              R"(ventros_http_requests_total{method="POST",route="unmatched",status="415"} 1)") !=
          std::string::npos);
}

TEST_CASE_FIXTURE(server_fixture,
                  "drain waits for an in-flight request, which still gets its answer") {
    auto in_flight = std::async(std::launch::async, [port = port()] {
        http_client client(port);
        client.send(make(http::verb::get, "/slow"));
        return client.read_response();
    });
    while (!slow_started) {
        std::this_thread::sleep_for(5ms);
    }
    server->stop_accepting();
    CHECK_FALSE(server->drain(100ms));
    CHECK(server->drain(5s));
    const auto res = in_flight.get();
    REQUIRE(res);
    CHECK(res->result_int() == 200);
    CHECK_FALSE(res->keep_alive()); // the server is going away
    CHECK_THROWS(http_client(port()));
}

TEST_CASE_FIXTURE(server_fixture, "binding a port already in use throws") {
    http_server_config config;
    config.port = port();
    http_server second(config, routes, ventros::telemetry::logger("http-test"));
    CHECK_THROWS_AS(second.start(), boost::system::system_error);
}
