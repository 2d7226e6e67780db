// Pins: PostgreSQL restarted while the projector applies a stream costs nothing: the
// projector retries with backoff instead of dying, resumes from its checkpoints, and
// ends with every event applied exactly once and its checkpoints at the topic ends.
#include "ventros/fault/event_preloader.hpp"
#include "ventros/fault/read_model_checks.hpp"
#include "ventros/fault/service_outage.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <future>
#include <numeric>
#include <sstream>
#include <thread>

namespace ventros::fault {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

constexpr std::size_t stream_events = 100'000;
constexpr std::size_t preload_chunk = 10'000;
constexpr std::int64_t restart_after = 10'000; ///< checkpointed offsets before the restart
constexpr auto down_for = 3s;

/// Waits until the projector's checkpoints sum to more than `from`; false after 60 s.
bool projector_passes(const testing::stack& s, std::int64_t from) {
    read_model_inspector db(s);
    const auto deadline = clock::now() + 60s;
    while (clock::now() < deadline) {
        if (db.checkpoint_total() > from) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("PostgreSQL restarted mid-stream: the projector retries, resumes, loses nothing") {
    testing::stack s;
    s.start_projector();
    MESSAGE("logs in " << s.log_dir());
    event_preloader preloader(s, {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"});
    auto preloading = std::async(std::launch::async, [&] {
        while (preloader.events() < stream_events) {
            preloader.write(preload_chunk);
        }
    });

    REQUIRE(projector_passes(s, restart_after));
    {
        service_outage postgres("pg");
        postgres.stop();
        std::this_thread::sleep_for(down_for); // the outage itself, not an assertion
        postgres.start();
    }
    preloading.get();
    REQUIRE(s.wait_projected("leads", 60000));

    read_model_inspector db(s);
    const auto& expected = preloader.versions();
    check_leads_exact(db, expected);
    const auto events = static_cast<std::int64_t>(preloader.events());
    CHECK(db.journal_rows() == events);
    CHECK(db.distinct_event_ids() == events);
    const auto ends = s.end_offsets("crm");
    CHECK(db.checkpoints(s.topic("crm"), ends.size()) == ends);

    // The same process lived through it, retrying.
    const auto log = file_text(s.log_dir() + "/projector-1.log");
    CHECK(log.find("retrying") != std::string::npos);
}

} // namespace ventros::fault
