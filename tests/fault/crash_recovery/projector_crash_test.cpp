// Pins: SIGKILLing the projector mid-stream, again and again, loses and duplicates no
// event: the read models end exactly at the acknowledged commands and equal a rebuild.
#include "crm_log.hpp"
#include "lead_traffic.hpp"
#include "read_model_inspector.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <numeric>
#include <random>
#include <thread>

namespace ventros::fault {
namespace {

using clock = std::chrono::steady_clock;

/// A projector that dies without leaving the group holds its partitions for the session
/// timeout; the broker's minimum keeps each restart short.
const std::map<std::string, std::string> quick_takeover = {
    {"VENTROS_PROJECTOR_SESSION_TIMEOUT_MS", "6000"}};

std::vector<std::string> tenant_names(int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) {
        names.push_back("tenant-" + std::to_string(i));
    }
    return names;
}

/// Waits until the projector commits a batch past `from`; false after 30 s.
bool projector_advances(read_model_inspector& db, std::int64_t from) {
    const auto deadline = clock::now() + std::chrono::seconds(30);
    while (clock::now() < deadline) {
        if (db.checkpoint_total() > from) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

} // namespace

TEST_CASE("projector SIGKILLed mid-stream ends with exactly the acknowledged events") {
    testing::stack s;
    s.start_gateway();
    s.start_projector(quick_takeover);
    const auto tenants = tenant_names(20);
    const unsigned seed = std::random_device{}();
    MESSAGE("seed " << seed << ", logs in " << s.log_dir());
    std::mt19937 random(seed);
    read_model_inspector db(s);

    lead_traffic traffic(lead_client(s, tenants), tenants, 2, seed);
    traffic.start();
    for (int kill = 0; kill < 3; ++kill) {
        REQUIRE(projector_advances(db, db.checkpoint_total()));
        // Somewhere inside the stream of batches (50 ms each at most).
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
        REQUIRE(s.stop_projector(SIGKILL) == 128 + SIGKILL);
        s.start_projector(quick_takeover);
    }
    REQUIRE(projector_advances(db, db.checkpoint_total()));
    const auto deadline = clock::now() + std::chrono::seconds(60);
    while (traffic.answered() < 3000 && clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto outcome = traffic.stop();
    REQUIRE_MESSAGE(outcome.failures.empty(), first_or_none(outcome.failures));
    REQUIRE_MESSAGE(outcome.refused.empty(), first_or_none(outcome.refused));
    REQUIRE(outcome.commands >= 3000);
    MESSAGE(outcome.commands << " commands on " << outcome.versions.size() << " leads");
    REQUIRE(s.wait_projected("leads", 60000));

    // Every acknowledged lead is at its last acknowledged version; no other row exists.
    CHECK(db.lead_versions() == outcome.versions);

    // Each lead's journal holds versions 1..N exactly once.
    const auto journal = db.journal();
    CHECK(journal.size() == outcome.versions.size());
    for (const auto& [lead, version] : outcome.versions) {
        const std::int64_t n = version;
        const auto found = journal.find(lead);
        INFO(lead.tenant << "/" << lead.id);
        REQUIRE(found != journal.end());
        CHECK(found->second == journal_summary{n, n, 1, n});
    }

    // The journal holds every event of the topic, each once.
    const auto acknowledged_events =
        std::accumulate(outcome.versions.begin(), outcome.versions.end(), std::int64_t{0},
                        [](std::int64_t sum, const auto& lead) { return sum + lead.second; });
    CHECK(static_cast<std::int64_t>(read_crm_log(s).size()) == acknowledged_events);
    CHECK(db.journal_rows() == acknowledged_events);
    CHECK(db.distinct_event_ids() == acknowledged_events);

    // A rebuild from the topic gives the same read models, row for row.
    const auto leads_before = db.leads_digest();
    const auto journal_before = db.journal_digest();
    const auto rebuilt = s.ventros({"rebuild", "leads"});
    REQUIRE_MESSAGE(rebuilt.status == 0, rebuilt.output);
    CHECK(db.leads_digest() == leads_before);
    CHECK(db.journal_digest() == journal_before);
}

} // namespace ventros::fault
