// Pins read-your-writes waits: immediate, woken by NOTIFY, timeout, reload after reconnect.
#include "test_database.hpp"
#include "ventros/gateway/checkpoint_watcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>
#include <functional>
#include <thread>

using namespace ventros::gateway;
using ventros::test::test_database;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr const char* table_ddl = R"(
CREATE TABLE projection_checkpoints (
    projection text NOT NULL,
    topic text NOT NULL,
    partition int NOT NULL,
    next_offset bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, topic, partition)))";

struct fixture {
    test_database db;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread io_runner{[this] { io.run(); }};
    checkpoint_watcher watcher{db.conninfo("application_name=gw_watcher_test"),
                               ventros::telemetry::logger("watcher-test")};

    fixture() {
        db.exec(table_ddl);
        db.exec("INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) "
                "VALUES ('leads', 'ventros.crm', 3, 10)");
        watcher.start();
        REQUIRE(eventually([this] { return watcher.connected(); }));
    }
    ~fixture() {
        watcher.stop();
        work.reset();
        io_runner.join();
    }

    std::future<bool> wait(int partition, std::int64_t offset, std::chrono::milliseconds timeout) {
        return asio::co_spawn(
            io, watcher.wait_until("leads", "ventros.crm", partition, offset, timeout),
            asio::use_future);
    }

    void commit_checkpoint(int partition, std::int64_t next) {
        const auto p = std::to_string(partition);
        const auto n = std::to_string(next);
        db.exec(
            "BEGIN; INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) "
            "VALUES ('leads', 'ventros.crm', " +
            p + ", " + n +
            ") ON CONFLICT (projection, topic, "
            "partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = now(); "
            "NOTIFY ventros_checkpoints, '{\"projection\":\"leads\",\"topic\":\"ventros.crm\","
            "\"positions\":{\"" +
            p + "\":" + n + "}}'; COMMIT;");
    }

    static bool eventually(const std::function<bool()>& condition,
                           std::chrono::milliseconds limit = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(20ms);
        }
        return true;
    }
};

} // namespace

TEST_CASE_FIXTURE(fixture, "checkpoints present at start are loaded") {
    CHECK(watcher.next_offset("leads", "ventros.crm", 3) == 10);
    CHECK(watcher.next_offset("leads", "ventros.crm", 4) == 0);
}

TEST_CASE_FIXTURE(fixture, "a position already passed returns true at once") {
    const auto started = std::chrono::steady_clock::now();
    CHECK(wait(3, 9, 5s).get());
    CHECK(std::chrono::steady_clock::now() - started < 500ms);
}

TEST_CASE_FIXTURE(fixture, "a position not reached returns false after the timeout") {
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(wait(3, 10, 300ms).get()); // next_offset 10 has not passed offset 10
    const auto elapsed = std::chrono::steady_clock::now() - started;
    CHECK(elapsed >= 290ms);
    CHECK(elapsed < 2s);
}

TEST_CASE_FIXTURE(fixture, "a waiter wakes as soon as a committed checkpoint passes its offset") {
    auto pending = wait(3, 15, 10s);
    auto unrelated = wait(5, 0, 400ms);
    std::this_thread::sleep_for(100ms);
    const auto committed = std::chrono::steady_clock::now();
    commit_checkpoint(3, 14); // not far enough yet
    commit_checkpoint(3, 16);
    CHECK(pending.get());
    CHECK(std::chrono::steady_clock::now() - committed < 2s);
    CHECK(watcher.next_offset("leads", "ventros.crm", 3) == 16);
    CHECK_FALSE(unrelated.get());
}

TEST_CASE_FIXTURE(fixture, "after its connection is killed the watcher reconnects and reloads") {
    db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'gw_watcher_test'");
    // Changed while no one listens: only the reload after reconnecting can see it.
    db.exec("UPDATE projection_checkpoints SET next_offset = 30 WHERE partition = 3");
    CHECK(fixture::eventually(
        [this] { return watcher.next_offset("leads", "ventros.crm", 3) == 30; }));
    CHECK(fixture::eventually([this] { return watcher.connected(); }));
    auto pending = wait(3, 40, 10s);
    std::this_thread::sleep_for(100ms);
    commit_checkpoint(3, 41);
    CHECK(pending.get());
}
