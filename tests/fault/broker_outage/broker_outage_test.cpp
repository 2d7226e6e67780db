// Pins: with the Kafka broker stopped for 10 s under retrying load, the gateway answers
// each command with a 503 and Retry-After within its configured timeouts (no hang, no
// 500), recovers by itself once the broker is back, and every command acknowledged with
// a 2xx is in Kafka exactly once.
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/fault/crm_log.hpp"
#include "ventros/fault/lead_traffic.hpp"
#include "ventros/fault/log_checks.hpp"
#include "ventros/fault/service_outage.hpp"

#include <doctest/doctest.h>
#include <thread>

namespace ventros::fault {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

constexpr auto command_timeout = 1000ms;
constexpr auto append_timeout = 1000ms;
/// A command waits for its turn at most the command timeout, then for one append at
/// most the append timeout; the rest is slack for a loaded 2-core machine.
constexpr auto answer_bound = command_timeout + append_timeout + 2s;
/// Longer than any answer may take: hitting it means the gateway hung.
constexpr auto client_timeout = 10s;
constexpr auto outage = 10s;
/// Between two commands of the outage probe: a 503 may come back at once.
constexpr auto probe_pace = 200ms;
constexpr auto recovery_bound = 30s;
/// How long a traffic client keeps retrying one command: through the broker's stop,
/// the outage and its start, which are slow on a broker holding many partitions.
constexpr auto traffic_patience = 240s;

const std::map<std::string, std::string> small_timeouts = {
    {"VENTROS_COMMAND_TIMEOUT_MS", std::to_string(command_timeout.count())},
    {"VENTROS_APPEND_TIMEOUT_MS", std::to_string(append_timeout.count())}};

/// Waits until the traffic has `count` commands answered; false after 60 s.
bool answered_at_least(const lead_traffic& traffic, std::size_t count) {
    const auto deadline = clock::now() + 60s;
    while (traffic.answered() < count) {
        if (clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

/// Waits until the broker serves transactions again: after a restart it answers
/// metadata long before its transaction coordinator has loaded its state (a minute on
/// a broker holding thousands of partitions). False after 180 s.
bool transactions_served(const testing::stack& s) {
    eventlog::kafka_config kafka;
    kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
    kafka.topic_prefix = s.prefix();
    const auto deadline = clock::now() + 180s;
    while (clock::now() < deadline) {
        try {
            eventlog::transactional_producer probe(kafka, s.prefix() + "probe");
            probe.init(5s);
            return true;
        } catch (const eventlog::kafka_error&) {
            // coordinator not loaded yet
        }
    }
    return false;
}

std::string describe(const lead_request& r, const testing::http_reply& reply,
                     clock::duration took) {
    return r.idempotency_key + ": " + std::to_string(reply.status) + " after " +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
           " ms, Retry-After '" + reply.header("Retry-After") + "', " + reply.body;
}

} // namespace

TEST_CASE("a broker stopped for 10 s under load: bounded 503s, recovery, nothing lost") {
    testing::stack s;
    s.start_gateway(small_timeouts);
    const std::vector<std::string> tenants = {"tenant-0", "tenant-1", "tenant-2", "tenant-3"};
    const lead_client client(s, tenants, client_timeout);
    MESSAGE("logs in " << s.log_dir());

    lead_traffic traffic(client, tenants, 4, 7, traffic_patience);
    traffic.start();
    REQUIRE(answered_at_least(traffic, 100));

    service_outage kafka("kafka");
    kafka.stop();

    // While the broker is down, every command is refused quickly with a 503.
    std::vector<lead_request> refused;
    std::vector<std::string> problems;
    const auto back_at = clock::now() + outage;
    while (clock::now() < back_at) {
        auto request = create_lead("tenant-0", "outage-" + std::to_string(refused.size()));
        request.idempotency_key = "outage-" + std::to_string(refused.size());
        const auto sent = clock::now();
        try {
            const auto reply = client.send(request);
            const auto took = clock::now() - sent;
            if (reply.status != 503 || reply.header("Retry-After").empty() || took > answer_bound) {
                problems.push_back(describe(request, reply, took));
            }
        } catch (const std::exception& e) {
            problems.push_back(request.idempotency_key + ": no answer: " + e.what());
        }
        refused.push_back(std::move(request));
        std::this_thread::sleep_for(probe_pace);
    }
    const auto answered_during_outage = traffic.answered();
    kafka.start();
    CHECK_MESSAGE(problems.empty(), first_or_none(problems));
    CHECK(refused.size() >= 3);
    REQUIRE(transactions_served(s));

    // Back by itself: once the broker serves transactions, a client retrying one command
    // gets a 2xx within the bound.
    auto first_after = create_lead("tenant-1", "recovery");
    first_after.idempotency_key = "recovery";
    const auto recovered = client.send_until_answered(first_after, clock::now() + recovery_bound);
    REQUIRE(recovered.reply.status == 201);
    MESSAGE("recovered after " << recovered.attempts << " attempts");

    // The refused commands succeed when retried with their keys; the traffic goes on.
    std::set<std::string> acknowledged = {first_after.idempotency_key};
    for (const auto& request : refused) {
        const auto a = client.send_until_answered(request, clock::now() + 30s);
        INFO(request.idempotency_key << ": " << a.reply.body);
        CHECK(a.reply.status == 201);
        acknowledged.insert(request.idempotency_key);
    }
    REQUIRE(answered_at_least(traffic, answered_during_outage + 100));
    const auto outcome = traffic.stop();
    REQUIRE_MESSAGE(outcome.failures.empty(), first_or_none(outcome.failures));
    REQUIRE_MESSAGE(outcome.refused.empty(), first_or_none(outcome.refused));
    CHECK(outcome.retried > 0); // the outage did refuse the traffic too
    MESSAGE(refused.size() << " commands refused during the outage; traffic: " << outcome.commands
                           << " commands, " << outcome.retried << " retried");
    acknowledged.insert(outcome.acknowledged_keys.begin(), outcome.acknowledged_keys.end());

    // Exactly the acknowledged commands are in Kafka, each once.
    auto types_by_key = check_each_command_logged_once(read_crm_log(s), acknowledged);
    for (const auto& request : refused) {
        CHECK(types_by_key[request.idempotency_key]["ventros.crm.lead.created.v1"] == 1);
    }
}

} // namespace ventros::fault
