#include "operations_support.hpp"

#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <csignal>
#include <doctest/doctest.h>
#include <mutex>
#include <set>
#include <thread>

namespace ventros::operations_e2e {
namespace {

namespace http = boost::beast::http;
using clock = std::chrono::steady_clock;

/// How one request fared while the gateway shut down.
struct outcome {
    enum class kind { refused, no_answer, truncated, answered } what = kind::refused;
    unsigned status = 0;
    std::string lead_id;
    clock::time_point finished;
};

/// Sends one create-lead request on a fresh connection and classifies the bytes that
/// come back: nothing (not accepted), a complete response, or a response cut short.
outcome create_over_raw_socket(const testing::stack& stack, const std::string& tenant,
                               const std::string& bearer, int n) {
    const auto body = nlohmann::json{{"name", "Shutdown " + std::to_string(n)}}.dump();
    const auto request =
        "POST /v1/tenants/" + tenant +
        "/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nConnection: close\r\n\r\n" + body;
    outcome out;
    std::string answer;
    try {
        answer = stack.client().raw(request, 10000);
    } catch (const std::exception&) {
        return out; // connection refused: the listener is closed
    }
    out.finished = clock::now();
    if (answer.empty()) {
        out.what = outcome::kind::no_answer;
        return out;
    }
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(answer), ec);
    if (!ec && !parser.is_done()) {
        parser.put_eof(ec);
    }
    if (ec || !parser.is_done()) {
        out.what = outcome::kind::truncated;
        return out;
    }
    out.what = outcome::kind::answered;
    out.status = parser.get().result_int();
    const auto json = nlohmann::json::parse(parser.get().body(), nullptr, false);
    if (json.is_object() && json.contains("id")) {
        out.lead_id = json.at("id").get<std::string>();
    }
    return out;
}

/// The first log line whose `msg` is `msg`; null when there is none.
nlohmann::json log_line(const std::string& log, const std::string& msg) {
    for (auto& line : json_lines(log)) {
        if (line.value("msg", "") == msg) {
            return line;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("SIGTERM to the gateway answers every accepted request in full, commits exactly the "
          "answered commands, and exits 0") {
    testing::stack stack;
    // A long group-commit linger keeps commands waiting in the writer when SIGTERM lands.
    stack.start_gateway({{"VENTROS_BATCH_LINGER_US", "100000"}});
    const auto tenant = unique_tenant("shutdown");
    stack.open_project(tenant);
    const auto bearer = stack.token("ops-admin", {{tenant, "admin"}});

    std::mutex mutex;
    std::vector<outcome> outcomes;
    std::atomic<int> answered{0};
    std::vector<std::jthread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&, c](std::stop_token stop) {
            for (int i = 0; !stop.stop_requested(); ++i) {
                auto o = create_over_raw_socket(stack, tenant, bearer, c * 100000 + i);
                const bool refused = o.what == outcome::kind::refused;
                answered += o.what == outcome::kind::answered ? 1 : 0;
                const std::lock_guard lock(mutex);
                outcomes.push_back(std::move(o));
                if (refused) {
                    return;
                }
            }
        });
    }
    REQUIRE(eventually([&] { return answered >= 16; }));
    const auto signalled = clock::now();
    CHECK(stack.stop_gateway(SIGTERM) == 0);
    clients.clear();

    // A connection still in the listen backlog when the listener closed gets no answer:
    // it was never accepted, so its command must not be in Kafka either (checked below).
    std::set<std::string> created;
    int finished_after_signal = 0;
    for (const auto& o : outcomes) {
        CHECK(o.what != outcome::kind::truncated);
        if (o.what == outcome::kind::answered) {
            CHECK(o.status == 201);
            created.insert(o.lead_id);
            finished_after_signal += o.finished > signalled ? 1 : 0;
        }
    }
    CHECK(finished_after_signal > 0); // requests were in flight at SIGTERM
    const auto stopped = log_line(process_logs(stack, "gateway-"), "gateway stopped");
    REQUIRE(stopped.is_object());
    CHECK(stopped.value("drained", false));

    // What Kafka holds is exactly what the clients were told.
    stack.start_projector();
    REQUIRE(stack.wait_projected("leads"));
    auto conn = stack.admin_connection();
    std::set<std::string> projected;
    pqxx::read_transaction tx(*conn);
    for (const auto& row : tx.exec("SELECT lead_id::text FROM leads")) {
        projected.insert(row[0].as<std::string>());
    }
    CHECK(projected == created);
}

TEST_CASE("SIGTERM to the projector commits what it applied and exits 0; its successor applies "
          "the rest exactly once") {
    testing::stack stack;
    stack.start_gateway();
    const auto first_port = testing::free_port();
    stack.start_projector(projector_metrics_env(first_port));
    const tenant_admin admin(stack, unique_tenant("projector-stop"));

    std::atomic<int> commands{0};
    std::mutex mutex;
    std::map<std::string, int> versions; // lead id → version after its last command
    std::vector<std::string> failures;
    std::jthread writer([&](std::stop_token stop) {
        try {
            for (int i = 0; !stop.stop_requested(); ++i) {
                const auto created = admin.send("POST", admin.leads_path(),
                                                {{"name", "Stream " + std::to_string(i)}});
                const auto id = created.json().value("id", "");
                const auto updated =
                    admin.send("PATCH", admin.lead_path(id), {{"company", "Acme"}});
                const std::lock_guard lock(mutex);
                if (created.status != 201 || updated.status != 200) {
                    failures.push_back(created.body + updated.body);
                    return;
                }
                versions[id] = updated.json().at("version").get<int>();
                commands += 2;
            }
        } catch (const std::exception& e) {
            const std::lock_guard lock(mutex);
            failures.emplace_back(e.what());
        }
    });

    auto conn = stack.admin_connection();
    const auto journal = [&] { return query_number(*conn, "SELECT count(*) FROM lead_events"); };
    // Stop the projector while it is busy applying the stream.
    REQUIRE(eventually([&] { return journal() >= 10; }, 30s));
    CHECK(stack.stop_projector(SIGTERM) == 0);
    const auto applied_by_first = journal();
    // Rows and checkpoints were committed together: no row lies past its checkpoint.
    CHECK(query_number(*conn, "SELECT count(*) FROM lead_events e WHERE NOT EXISTS ("
                              " SELECT 1 FROM projection_checkpoints c WHERE c.projection = "
                              "'leads' AND c.topic = e.topic AND c.partition = e.partition"
                              " AND c.next_offset > e.\"offset\")") == 0);
    CHECK_FALSE(log_line(process_logs(stack, "projector-1"), "projector stopped").is_null());

    REQUIRE(eventually([&] { return commands >= applied_by_first + 6; }));
    writer.request_stop();
    writer.join();
    REQUIRE(failures.empty());

    const auto second_port = testing::free_port();
    stack.start_projector(projector_metrics_env(second_port));
    REQUIRE(stack.wait_projected("leads"));
    int total_events = 0;
    for (const auto& [id, version] : versions) {
        total_events += version;
    }
    CHECK(journal() == total_events);
    CHECK(query_number(*conn, "SELECT count(DISTINCT event_id) FROM lead_events") == total_events);
    const auto left_for_second = static_cast<double>(total_events - applied_by_first);
    CHECK(eventually([&] {
        return metric_sum(scrape_metrics(second_port), "ventros_projector_events_applied_total",
                          {{"projection", "leads"}}) == left_for_second;
    }));
    std::map<std::string, int> projected;
    pqxx::read_transaction tx(*conn);
    for (const auto& row : tx.exec("SELECT lead_id::text, version FROM leads")) {
        projected[row[0].as<std::string>()] = row[1].as<int>();
    }
    CHECK(projected == versions);
}

} // namespace ventros::operations_e2e
