// Pins: a gateway killed with SIGKILL rebuilds its writers from Kafka on restart:
// versions continue, Idempotency-Keys are still remembered with their original answers,
// If-Match still guards, and clients retrying through the crash get each command
// applied exactly once.
#include "ventros/fault/crm_log.hpp"
#include "ventros/fault/lead_traffic.hpp"
#include "ventros/fault/log_checks.hpp"

#include <algorithm>
#include <csignal>
#include <doctest/doctest.h>
#include <numeric>
#include <random>
#include <thread>

namespace ventros::fault {
namespace {

lead_request with_key(lead_request r, std::string key) {
    r.idempotency_key = std::move(key);
    return r;
}

/// Waits until the traffic has `count` commands answered; false after 60 s.
bool answered_at_least(const lead_traffic& traffic, std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (traffic.answered() < count) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

} // namespace

TEST_CASE("a gateway restarted after SIGKILL keeps versions, idempotent answers and If-Match") {
    testing::stack s;
    s.start_gateway();
    const lead_client client(s, {"acme", "globex"});

    std::vector<std::pair<lead_request, testing::http_reply>> sent;
    const auto send_keyed = [&](lead_request r, const std::string& key) {
        r = with_key(std::move(r), key);
        auto reply = client.send(r);
        INFO(key << ": " << reply.body);
        REQUIRE(reply.status / 100 == 2);
        sent.emplace_back(std::move(r), reply);
        return reply.json();
    };
    const auto ana =
        send_keyed(create_lead("acme", "ana"), "create-ana").at("id").get<std::string>();
    const auto bia =
        send_keyed(create_lead("globex", "bia"), "create-bia").at("id").get<std::string>();
    CHECK(send_keyed(rename_lead("acme", ana, "Ana Maria"), "rename-ana").at("version") == 2);
    // A qualification that reaches the threshold appends scored and qualified.
    CHECK(send_keyed(qualify_lead("acme", ana), "qualify-ana").at("version") == 4);
    CHECK(send_keyed(assign_lead("globex", bia, "u2"), "assign-bia").at("version") == 2);

    REQUIRE(s.stop_gateway(SIGKILL) == 128 + SIGKILL);
    s.start_gateway();
    const auto appended = s.total_end_offset();

    for (const auto& [request, original] : sent) {
        CAPTURE(request.idempotency_key);
        const auto again = client.send(request);
        CHECK(again.status == original.status);
        CHECK(again.body == original.body);
        CHECK(again.header("ETag") == original.header("ETag"));
        CHECK(again.header("Idempotent-Replayed") == "true");
        CHECK(original.header("Idempotent-Replayed").empty());
    }
    CHECK(client.send(with_key(rename_lead("acme", ana, "Not Ana"), "rename-ana")).status == 422);
    CHECK(s.total_end_offset() == appended);

    const auto renamed = client.send(rename_lead("acme", ana, "Ana Souza"));
    REQUIRE(renamed.status == 200);
    CHECK(renamed.json().at("version") == 5);
    CHECK(renamed.header("ETag") == "\"5\"");
    const auto assigned = client.send(assign_lead("globex", bia, "u3"));
    REQUIRE(assigned.status == 200);
    CHECK(assigned.json().at("version") == 3);
    const auto appended_after = s.total_end_offset();
    CHECK(appended_after > appended);

    auto stale = rename_lead("acme", ana, "Ana Lima");
    stale.if_match = "\"4\"";
    const auto refused = client.send(stale);
    CHECK(refused.status == 412);
    CHECK(refused.json().at("current_version") == 5);
    CHECK(refused.header("ETag") == "\"5\"");
    CHECK(s.total_end_offset() == appended_after);
}

TEST_CASE("commands retried through gateway SIGKILLs are each in Kafka exactly once") {
    testing::stack s;
    s.start_gateway();
    const std::vector<std::string> tenants = {"tenant-0", "tenant-1", "tenant-2", "tenant-3",
                                              "tenant-4", "tenant-5", "tenant-6", "tenant-7"};
    const unsigned seed = std::random_device{}();
    MESSAGE("seed " << seed << ", logs in " << s.log_dir());
    std::mt19937 random(seed);

    // Several clients, so that a kill often lands while a transaction carries commands of
    // more than one of them, sometimes after its commit and before the answers.
    lead_traffic traffic(lead_client(s, tenants), tenants, 4, seed);
    traffic.start();
    std::size_t answered = 0;
    for (int kill = 0; kill < 3; ++kill) {
        answered += 200 + random() % 300;
        REQUIRE(answered_at_least(traffic, answered));
        REQUIRE(s.stop_gateway(SIGKILL) == 128 + SIGKILL);
        s.start_gateway();
    }
    REQUIRE(answered_at_least(traffic, answered + 200));
    const auto outcome = traffic.stop();
    REQUIRE_MESSAGE(outcome.failures.empty(), first_or_none(outcome.failures));
    REQUIRE_MESSAGE(outcome.refused.empty(), first_or_none(outcome.refused));
    MESSAGE(outcome.commands << " commands, " << outcome.retried << " retried, " << outcome.replayed
                             << " answered from the idempotency window");
    CHECK(outcome.retried > 0); // the kills did cut clients off

    const auto log = read_crm_log(s);
    std::map<lead_ref, std::vector<std::uint32_t>> versions_by_lead;
    for (const auto& e : log) {
        if (e.type.starts_with("ventros.crm.lead.")) {
            versions_by_lead[{e.tenant, e.aggregate_id}].push_back(e.version);
        }
    }

    // Nothing was appended that no client was told about, and every acknowledged
    // command's events are there once each.
    auto types_by_key = check_each_command_logged_once(log, outcome.acknowledged_keys);
    for (const auto& key : outcome.create_keys) {
        INFO(key);
        CHECK(types_by_key[key]["ventros.crm.lead.created.v1"] == 1);
    }

    // Each lead's events carry versions 1..N, N its last acknowledged version.
    CHECK(versions_by_lead.size() == outcome.versions.size());
    for (const auto& [lead, version] : outcome.versions) {
        auto logged = versions_by_lead[lead];
        std::ranges::sort(logged);
        std::vector<std::uint32_t> expected(version);
        std::iota(expected.begin(), expected.end(), 1U);
        INFO(lead.tenant << "/" << lead.id);
        CHECK(logged == expected);
    }
}

} // namespace ventros::fault
