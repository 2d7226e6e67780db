// Pins metric names, labels and values in the Prometheus text exposition.
#include "ventros/telemetry/metrics.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using ventros::telemetry::metrics;

namespace {
bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("observed requests appear as counter and histogram series with their labels") {
    metrics m;
    m.observe_request("/v1/tenants/{tenant_id}/leads", "POST", 201, 0.003);
    m.observe_request("/v1/tenants/{tenant_id}/leads", "POST", 201, 0.7);
    m.observe_request("/healthz", "GET", 200, 0.0001);
    const auto text = m.serialize();
    CHECK(contains(
        text,
        R"(ventros_http_requests_total{method="POST",route="/v1/tenants/{tenant_id}/leads",status="201"} 2)"));
    CHECK(contains(text,
                   R"(ventros_http_requests_total{method="GET",route="/healthz",status="200"} 1)"));
    CHECK(contains(
        text,
        R"(ventros_http_request_duration_seconds_count{method="POST",route="/v1/tenants/{tenant_id}/leads"} 2)"));
    // 0.003 s falls in the 5 ms bucket, 0.7 s does not.
    CHECK(contains(
        text,
        R"(ventros_http_request_duration_seconds_bucket{method="POST",route="/v1/tenants/{tenant_id}/leads",le="0.005"} 1)"));
    CHECK(contains(
        text,
        R"(ventros_http_request_duration_seconds_bucket{method="POST",route="/v1/tenants/{tenant_id}/leads",le="1"} 2)"));
}

TEST_CASE("batch size histogram spans 1 to 4096 and transaction duration is recorded") {
    metrics m;
    m.observe_transaction(300, 0.02);
    const auto text = m.serialize();
    CHECK(contains(text, R"(ventros_transaction_batch_size_bucket{le="256"} 0)"));
    CHECK(contains(text, R"(ventros_transaction_batch_size_bucket{le="512"} 1)"));
    CHECK(contains(text, R"(ventros_transaction_batch_size_bucket{le="4096"} 1)"));
    CHECK(contains(text, "ventros_transaction_batch_size_sum 300"));
    CHECK(contains(text, "ventros_transaction_duration_seconds_count 1"));
}

TEST_CASE("command, projector and readiness series carry their labels and values") {
    metrics m;
    m.add_commands_appended("create_lead", 3);
    m.add_command_failure("unavailable");
    m.set_projector_lag("leads", "ventros.crm", 7, 42);
    m.add_events_applied("leads", 5);
    m.add_dead_letter("leads", "schema");
    m.add_replayed_events(9);
    m.set_ready(true);
    const auto text = m.serialize();
    CHECK(contains(text, R"(ventros_commands_appended_total{type="create_lead"} 3)"));
    CHECK(contains(text, R"(ventros_command_failures_total{reason="unavailable"} 1)"));
    CHECK(contains(
        text, R"(ventros_projector_lag{partition="7",projection="leads",topic="ventros.crm"} 42)"));
    CHECK(contains(text, R"(ventros_projector_events_applied_total{projection="leads"} 5)"));
    CHECK(contains(
        text, R"(ventros_projector_dead_letters_total{projection="leads",reason="schema"} 1)"));
    CHECK(contains(text, "ventros_writer_replayed_events_total 9"));
    CHECK(contains(text, "ventros_ready 1"));
}

TEST_CASE("expose throws when the address is already taken") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 1) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const auto port = std::to_string(ntohs(addr.sin_port));

    metrics m;
    CHECK_THROWS(m.expose("127.0.0.1:" + port));
    CHECK_NOTHROW(m.expose("127.0.0.1:0"));
    ::close(fd);
}
