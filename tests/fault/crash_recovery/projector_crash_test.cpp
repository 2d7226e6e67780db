// Pins: SIGKILLing the projector at random moments, five times during a 200,000-event
// stream, loses and duplicates no event: the read models end exactly at the written
// events, equal a from-scratch rebuild row for row, and the checkpoints equal the topic
// end offsets (transaction markers included).
#include "ventros/fault/crm_log.hpp"
#include "ventros/fault/event_preloader.hpp"
#include "ventros/fault/lead_traffic.hpp"
#include "ventros/fault/read_model_checks.hpp"

#include <algorithm>
#include <csignal>
#include <doctest/doctest.h>
#include <future>
#include <numeric>
#include <random>
#include <thread>

namespace ventros::fault {
namespace {

using clock = std::chrono::steady_clock;

constexpr std::size_t stream_events = 200'000;
constexpr std::size_t preload_chunk = 10'000; ///< events per write, so the stream flows
constexpr int kills = 5;

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

/// Waits until the projector's checkpoints sum to more than `from`; false after 60 s.
bool projector_passes(read_model_inspector& db, std::int64_t from) {
    const auto deadline = clock::now() + std::chrono::seconds(60);
    while (clock::now() < deadline) {
        if (db.checkpoint_total() > from) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

} // namespace

TEST_CASE("projector SIGKILLed 5 times in a 200,000-event stream ends equal to a rebuild") {
    testing::stack s;
    s.start_gateway();
    s.start_projector(quick_takeover);
    const auto tenants = tenant_names(20);
    const unsigned seed = std::random_device{}();
    MESSAGE("seed " << seed << ", logs in " << s.log_dir());
    std::mt19937 random(seed);
    read_model_inspector db(s);

    // Most of the stream goes straight into Kafka; an HTTP client adds the gateway's own
    // transactions (and their markers) in between.
    event_preloader preloader(s, tenants);
    auto preloading = std::async(std::launch::async, [&] {
        while (preloader.events() < stream_events) {
            preloader.write(preload_chunk);
        }
    });
    lead_traffic traffic(lead_client(s, tenants), tenants, 1, seed);
    traffic.start();

    // Each kill somewhere inside its sixth of the stream, a random time after a commit.
    for (int kill = 0; kill < kills; ++kill) {
        const auto share = static_cast<std::int64_t>(stream_events) / (kills + 1);
        const auto threshold = share * kill + static_cast<std::int64_t>(random() % share);
        REQUIRE(projector_passes(db, threshold));
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 200));
        REQUIRE(s.stop_projector(SIGKILL) == 128 + SIGKILL);
        s.start_projector(quick_takeover);
    }
    preloading.get();
    const auto outcome = traffic.stop();
    REQUIRE_MESSAGE(outcome.failures.empty(), first_or_none(outcome.failures));
    REQUIRE_MESSAGE(outcome.refused.empty(), first_or_none(outcome.refused));
    MESSAGE(preloader.events() << " events preloaded, " << outcome.commands
                               << " commands over HTTP on " << outcome.versions.size() << " leads");
    REQUIRE(s.wait_projected("leads", 60000));

    auto expected = preloader.versions();
    expected.insert(outcome.versions.begin(), outcome.versions.end());

    // Every lead is at its last written version, no other row exists, and each lead's
    // journal holds versions 1..N exactly once.
    check_leads_exact(db, expected);

    // The journal holds every lead event of the topic, each once (the rest are the
    // tenants' default pipelines, which the gateway created with their first command).
    const auto written_events =
        std::accumulate(expected.begin(), expected.end(), std::int64_t{0},
                        [](std::int64_t sum, const auto& lead) { return sum + lead.second; });
    CHECK(written_events >= static_cast<std::int64_t>(stream_events));
    const auto log = read_crm_log(s);
    CHECK(std::ranges::count_if(log, [](const logged_event& e) {
              return e.type.starts_with("ventros.crm.lead.");
          }) == written_events);
    CHECK(db.journal_rows() == written_events);
    CHECK(db.distinct_event_ids() == written_events);

    // Caught up means at the end of every partition, past the last commit marker.
    const auto ends = s.end_offsets("crm");
    CHECK(db.checkpoints(s.topic("crm"), ends.size()) == ends);

    // A rebuild from the topic gives the same read models, row for row.
    const auto leads_before = db.leads_digest();
    const auto journal_before = db.journal_digest();
    const auto rebuilt = s.ventros({"rebuild", "leads"});
    REQUIRE_MESSAGE(rebuilt.status == 0, rebuilt.output);
    CHECK(db.leads_digest() == leads_before);
    CHECK(db.journal_digest() == journal_before);
    CHECK(db.checkpoints(s.topic("crm"), ends.size()) == ends);
}

} // namespace ventros::fault
