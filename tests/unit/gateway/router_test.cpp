// Pins routing: params, literal precedence, 404/405, query decoding, exception mapping.
#include "ventros/gateway/database_unavailable.hpp"
#include "ventros/gateway/router.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

using namespace ventros::gateway;
using json = nlohmann::json;
namespace asio = boost::asio;

namespace {

struct fixture {
    ventros::telemetry::metrics metrics;
    router routes{metrics, ventros::telemetry::logger("router-test")};

    response run(http::verb method, std::string target) {
        request req{method, target, 11};
        req.keep_alive(true);
        asio::io_context io;
        auto result = asio::co_spawn(io, routes.dispatch(req, "rid-1"), asio::use_future);
        io.run();
        return result.get();
    }
};

/// A handler answering with what routing extracted.
handler echo(std::string tag) {
    return [tag](request_context& ctx) -> asio::awaitable<response> {
        co_return json_response(http::status::ok, {{"tag", tag},
                                                   {"route", ctx.route},
                                                   {"params", ctx.params},
                                                   {"query", ctx.query},
                                                   {"request_id", ctx.request_id}});
    };
}

json body(const response& res) {
    return json::parse(res.body(), nullptr, false);
}

} // namespace

TEST_CASE_FIXTURE(fixture, "path parameters are extracted and percent-decoded") {
    routes.add(http::verb::get, "/v1/tenants/{tenant_id}/leads/{lead_id}", echo("lead"));
    const auto res = run(http::verb::get, "/v1/tenants/t%201/leads/L-9");
    REQUIRE(res.result_int() == 200);
    const auto b = body(res);
    CHECK(b["route"] == "/v1/tenants/{tenant_id}/leads/{lead_id}");
    CHECK(b["params"]["tenant_id"] == "t 1");
    CHECK(b["params"]["lead_id"] == "L-9");
    CHECK(res["X-Request-Id"] == "rid-1");
    CHECK(res.keep_alive());
}

TEST_CASE_FIXTURE(fixture, "a literal segment wins over a parameter, whatever the order added") {
    routes.add(http::verb::get, "/v1/tenants/{tenant_id}/leads/{lead_id}", echo("by-id"));
    routes.add(http::verb::get, "/v1/tenants/{tenant_id}/leads/search", echo("search"));
    CHECK(body(run(http::verb::get, "/v1/tenants/t1/leads/search"))["tag"] == "search");
    CHECK(body(run(http::verb::get, "/v1/tenants/t1/leads/other"))["tag"] == "by-id");
}

TEST_CASE_FIXTURE(fixture, "an unknown path is a 404 problem") {
    routes.add(http::verb::get, "/healthz", echo("h"));
    for (const auto* target : {"/nothing", "/healthz/extra", "/", "/healthz/"}) {
        CAPTURE(target);
        const auto res = run(http::verb::get, target);
        CHECK(res.result_int() == 404);
        CHECK(res[http::field::content_type] == "application/problem+json");
        CHECK(body(res)["type"] == "https://ventros.dev/problems/not-found");
        CHECK(res["X-Request-Id"] == "rid-1");
    }
}

TEST_CASE_FIXTURE(fixture, "a known path with another method is a 405 listing the allowed ones") {
    routes.add(http::verb::post, "/v1/tenants/{tenant_id}/leads", echo("create"));
    routes.add(http::verb::get, "/v1/tenants/{tenant_id}/leads", echo("list"));
    const auto res = run(http::verb::delete_, "/v1/tenants/t1/leads");
    CHECK(res.result_int() == 405);
    CHECK(res[http::field::allow] == "GET, POST");
    CHECK(body(res)["type"] == "https://ventros.dev/problems/method-not-allowed");
}

TEST_CASE_FIXTURE(fixture, "the query string is decoded and a repeated key keeps the last value") {
    routes.add(http::verb::get, "/v1/leads", echo("q"));
    const auto b = body(run(
        http::verb::get, "/v1/leads?q=ana+maria%20s%C3%A1&stage=new&stage=qualified&flag&&limit="));
    CHECK(b["query"]["q"] == "ana maria s\xC3\xA1");
    CHECK(b["query"]["stage"] == "qualified");
    CHECK(b["query"]["flag"] == "");
    CHECK(b["query"]["limit"] == "");
}

TEST_CASE_FIXTURE(fixture, "malformed percent-encoding is a 400 problem") {
    routes.add(http::verb::get, "/v1/leads/{id}", echo("q"));
    for (const auto* target :
         {"/v1/leads/x?q=%", "/v1/leads/x?q=%4", "/v1/leads/x?q=%zz", "/v1/leads/%G1"}) {
        CAPTURE(target);
        const auto res = run(http::verb::get, target);
        CHECK(res.result_int() == 400);
        CHECK(body(res)["type"] == "https://ventros.dev/problems/bad-request");
    }
}

TEST_CASE_FIXTURE(fixture, "a handler exception is a generic 500 that hides the exception text") {
    routes.add(http::verb::get, "/boom", [](request_context&) -> asio::awaitable<response> {
        throw std::runtime_error("secret connection string postgres://x:y@db");
        co_return response{};
    });
    const auto res = run(http::verb::get, "/boom");
    CHECK(res.result_int() == 500);
    CHECK(res.body().find("secret") == std::string::npos);
    const auto b = body(res);
    CHECK(b["type"] == "https://ventros.dev/problems/internal");
    CHECK(b["instance"] == "rid-1");
    CHECK(res["X-Request-Id"] == "rid-1");
}

TEST_CASE_FIXTURE(fixture, "database_unavailable from a handler is a 503 with Retry-After") {
    routes.add(http::verb::get, "/db", [](request_context&) -> asio::awaitable<response> {
        throw database_unavailable("connection refused");
        co_return response{};
    });
    const auto res = run(http::verb::get, "/db");
    CHECK(res.result_int() == 503);
    CHECK(res[http::field::retry_after] == "1");
    CHECK(body(res)["type"] == "https://ventros.dev/problems/unavailable");
}

TEST_CASE_FIXTURE(fixture, "requests are counted per route pattern, method and status") {
    routes.add(http::verb::get, "/v1/tenants/{tenant_id}", echo("t"));
    run(http::verb::get, "/v1/tenants/a");
    run(http::verb::get, "/v1/tenants/b");
    run(http::verb::get, "/missing");
    const auto text = metrics.serialize();
    CHECK(
        text.find(
            R"(ventros_http_requests_total{method="GET",route="/v1/tenants/{tenant_id}",status="200"} 2)") !=
        std::string::npos);
    CHECK(text.find(
              R"(ventros_http_requests_total{method="GET",route="unmatched",status="404"} 1)") !=
          std::string::npos);
}
