// Pins that calls against an unreachable broker fail retriably within their timeout.
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/eventlog/transactional_producer.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <functional>

using namespace ventros::eventlog;
using namespace std::chrono_literals;

namespace {

// Nothing listens on port 1: connections are refused at once, forever.
const kafka_config nowhere{
    .bootstrap_servers = "127.0.0.1:1", .topic_prefix = "nowhere.", .partitions = 1, .extra = {}};

void check_fails_retriably_in_time(const std::function<void()>& call) {
    const auto started = std::chrono::steady_clock::now();
    bool retriable = false;
    try {
        call();
    } catch (const kafka_error& e) {
        retriable = e.retriable();
    }
    CHECK(retriable);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

} // namespace

TEST_CASE("init against an unreachable broker throws retriable within its timeout") {
    transactional_producer producer{nowhere, "nowhere"};
    check_fails_retriably_in_time([&] { producer.init(500ms); });
}

TEST_CASE("replay against an unreachable broker throws retriable within its timeout") {
    check_fails_retriably_in_time([] {
        replay_to_end(
            nowhere, {{"nowhere.crm", 0, 0}}, [](const record&) {}, 500ms);
    });
}

TEST_CASE("ensure_topics against an unreachable broker throws retriable within its timeout") {
    check_fails_retriably_in_time([] { ensure_topics(nowhere, 500ms); });
}
