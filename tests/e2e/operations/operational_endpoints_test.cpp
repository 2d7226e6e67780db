#include "operations_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <thread>

namespace ventros::operations_e2e {
namespace {

const std::string leads_route = "/v1/tenants/{tenant_id}/leads";
const std::string lead_route = "/v1/tenants/{tenant_id}/leads/{lead_id}";

/// Bucket counts of one histogram series, by upper bound ("+Inf" last).
std::vector<double> bucket_counts(const std::vector<metric_sample>& samples,
                                  const std::string& histogram,
                                  const std::map<std::string, std::string>& labels) {
    std::vector<std::pair<double, double>> buckets;
    for (const auto& s : samples) {
        if (s.name == histogram + "_bucket" && has_labels(s, labels)) {
            buckets.emplace_back(std::stod(s.labels.at("le")), s.value);
        }
    }
    std::ranges::sort(buckets);
    std::vector<double> counts;
    for (const auto& [bound, count] : buckets) {
        counts.push_back(count);
    }
    return counts;
}

} // namespace

TEST_CASE("/healthz and /readyz answer 200 without a token, and readiness is a metric") {
    const auto client = shared_stack().client();
    const auto health = client.request("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(health.json() == nlohmann::json{{"status", "ok"}});
    CHECK_FALSE(health.header("x-request-id").empty());

    const auto ready = client.request("GET", "/readyz");
    CHECK(ready.status == 200);
    CHECK(ready.json() == nlohmann::json{{"status", "ready"}});

    CHECK(metric_sum(scrape_metrics(shared_stack().http_port()), "ventros_ready") == 1);
}

TEST_CASE("the gateway's /metrics counts requests by route and status, their latency, and "
          "the commands and transactions appended") {
    auto& stack = shared_stack();
    const tenant_admin admin(stack, unique_tenant("metrics"));
    const auto before = scrape_metrics(stack.http_port());

    // Concurrent creates, so some may share a transaction.
    constexpr int creates = 6;
    std::vector<unsigned> statuses(creates);
    {
        std::vector<std::jthread> clients;
        for (int i = 0; i < creates; ++i) {
            clients.emplace_back([&, i] {
                try {
                    statuses[static_cast<std::size_t>(i)] =
                        admin
                            .send("POST", admin.leads_path(),
                                  {{"name", "Counted " + std::to_string(i)}})
                            .status;
                } catch (const std::exception&) {
                    // stays 0, counted as a failure below
                }
            });
        }
    }
    CHECK(std::ranges::count(statuses, 201u) == creates);
    CHECK(admin.send("GET", admin.lead_path("01900000-0000-7000-8000-000000000000")).status == 404);
    CHECK(stack.client().request("GET", "/no/such/path").status == 404);

    const auto exposition = stack.client().request("GET", "/metrics");
    REQUIRE(exposition.status == 200);
    CHECK(exposition.header("content-type").starts_with("text/plain"));
    CHECK(exposition.header("content-type").find("version=0.0.4") != std::string::npos);
    for (const std::string type : {"# TYPE ventros_http_requests_total counter",
                                   "# TYPE ventros_http_request_duration_seconds histogram",
                                   "# TYPE ventros_commands_appended_total counter",
                                   "# TYPE ventros_transaction_batch_size histogram"}) {
        CHECK_MESSAGE(exposition.body.find(type) != std::string::npos, type);
    }
    const auto after = parse_metrics(exposition.body);
    const auto delta = [&](const std::string& name,
                           const std::map<std::string, std::string>& labels = {}) {
        return metric_sum(after, name, labels) - metric_sum(before, name, labels);
    };
    const std::string requests = "ventros_http_requests_total";
    CHECK(delta(requests, {{"route", leads_route}, {"method", "POST"}, {"status", "201"}}) ==
          creates);
    CHECK(delta(requests, {{"route", lead_route}, {"method", "GET"}, {"status", "404"}}) == 1);
    CHECK(delta(requests, {{"route", "unmatched"}, {"method", "GET"}, {"status", "404"}}) == 1);
    CHECK(delta(requests, {{"route", "/metrics"}, {"method", "GET"}, {"status", "200"}}) == 1);

    const std::string latency = "ventros_http_request_duration_seconds";
    const std::map<std::string, std::string> posts{{"route", leads_route}, {"method", "POST"}};
    CHECK(delta(latency + "_count", posts) == creates);
    CHECK(delta(latency + "_bucket",
                {{"route", leads_route}, {"method", "POST"}, {"le", "+Inf"}}) == creates);
    CHECK(delta(latency + "_sum", posts) > 0);
    const auto buckets = bucket_counts(after, latency, posts);
    CHECK(buckets.size() > 2);
    CHECK(std::ranges::is_sorted(buckets));

    CHECK(delta("ventros_commands_appended_total", {{"type", "ventros.crm.lead.created.v1"}}) ==
          creates);
    // Every appended command went through exactly one transaction.
    const auto transactions = delta("ventros_transaction_batch_size_count");
    CHECK(delta("ventros_transaction_batch_size_sum") == creates);
    CHECK(transactions >= 1);
    CHECK(transactions <= creates);
    CHECK(delta("ventros_transaction_duration_seconds_count") == transactions);
}

} // namespace ventros::operations_e2e
