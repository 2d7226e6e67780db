// Pins query_pool: tenant scoping per transaction, error mapping, bounded queue, reconnect.
#include "test_database.hpp"
#include "ventros/gateway/query_pool.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>
#include <future>
#include <pqxx/nontransaction>
#include <thread>

using namespace ventros::gateway;
using ventros::test::test_database;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

/// An io_context run by one thread for the duration of a test, as the server's would be.
struct io_thread {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread{[this] { io.run(); }};
    ~io_thread() {
        work.reset();
        io.stop();
        thread.join();
    }

    template <class R>
    std::future<R> spawn(asio::awaitable<R> a) {
        return asio::co_spawn(io, std::move(a), asio::use_future);
    }
};

std::string setting(pqxx::read_transaction& tx) {
    return tx.exec1("SELECT coalesce(current_setting('app.tenant_id', true), '')")[0]
        .as<std::string>();
}

} // namespace

TEST_CASE("a tenant job sees app.tenant_id; the setting does not leak into the next job") {
    test_database db;
    query_pool pool(db.conninfo(), 1);
    io_thread runner;
    CHECK(runner.spawn(pool.run_for_tenant<std::string>("tenant-7", setting)).get() == "tenant-7");
    CHECK(runner.spawn(pool.run_global<std::string>(setting)).get() == "");
}

TEST_CASE("the result comes back on the awaiting coroutine's thread, not a pool worker") {
    test_database db;
    query_pool pool(db.conninfo(), 2);
    io_thread runner;
    auto check = [&]() -> asio::awaitable<bool> {
        const auto before = std::this_thread::get_id();
        const auto worker = co_await pool.run_global<std::thread::id>(
            [](pqxx::read_transaction&) { return std::this_thread::get_id(); });
        co_return std::this_thread::get_id() == before&& worker != before;
    };
    CHECK(runner.spawn(check()).get());
}

TEST_CASE("the transaction is read-only and exceptions from the work are rethrown as is") {
    test_database db;
    db.exec("CREATE TABLE t (x int)");
    query_pool pool(db.conninfo(), 1);
    io_thread runner;
    auto write = runner.spawn(pool.run_for_tenant<int>("t1", [](pqxx::read_transaction& tx) {
        tx.exec0("INSERT INTO t VALUES (1)");
        return 1;
    }));
    CHECK_THROWS_AS(write.get(), pqxx::sql_error);
    auto logic = runner.spawn(pool.run_global<int>(
        [](pqxx::read_transaction&) -> int { throw std::logic_error("bug"); }));
    CHECK_THROWS_AS(logic.get(), std::logic_error);
    // The connection is still good afterwards.
    CHECK(runner.spawn(pool.run_for_tenant<std::string>("t2", setting)).get() == "t2");
}

TEST_CASE("an unreachable database surfaces as database_unavailable") {
    query_pool pool(ventros::test::unreachable_conninfo(), 1);
    io_thread runner;
    CHECK_THROWS_AS(runner.spawn(pool.run_for_tenant<std::string>("t1", setting)).get(),
                    database_unavailable);
}

TEST_CASE("with every connection busy and the queue full, a job fails at once") {
    test_database db;
    query_pool pool(db.conninfo(), 1, 0);
    io_thread runner;
    auto busy = runner.spawn(pool.run_global<int>([](pqxx::read_transaction& tx) {
        tx.exec("SELECT pg_sleep(0.5)");
        return 1;
    }));
    std::this_thread::sleep_for(100ms);
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(runner.spawn(pool.run_global<std::string>(setting)).get(),
                    database_unavailable);
    CHECK(std::chrono::steady_clock::now() - started < 300ms);
    CHECK(busy.get() == 1);
}

TEST_CASE("a connection killed by the server is replaced on a later job") {
    test_database db;
    query_pool pool(db.conninfo("application_name=gw_pool_test"), 1);
    io_thread runner;
    REQUIRE(runner.spawn(pool.run_global<std::string>(setting)).get() == "");
    db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'gw_pool_test'");
    std::this_thread::sleep_for(100ms);
    // The first job may trip over the dead connection; the next one must work again.
    try {
        runner.spawn(pool.run_global<std::string>(setting)).get();
    } catch (const database_unavailable&) {
    }
    CHECK(runner.spawn(pool.run_for_tenant<std::string>("t9", setting)).get() == "t9");
}
