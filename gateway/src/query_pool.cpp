#include "ventros/gateway/query_pool.hpp"

#include <pqxx/except>

namespace ventros::gateway {
namespace {

std::exception_ptr unavailable(const char* why) {
    return std::make_exception_ptr(database_unavailable(why));
}

} // namespace

query_pool::query_pool(std::string conninfo, std::size_t connections, std::size_t max_queued)
    : conninfo_(std::move(conninfo)), max_queued_(max_queued) {
    const std::size_t n = connections == 0 ? 1 : connections;
    workers_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        workers_.emplace_back([this] { worker(); });
    }
}

query_pool::~query_pool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) {
        t.join();
    }
    for (auto& j : queue_) {
        j.done(unavailable("query pool stopped"));
    }
}

void query_pool::submit(job j) {
    {
        const std::lock_guard lock(mutex_);
        // Workers not busy take queued jobs at once; beyond them only max_queued_ may wait.
        const std::size_t free_workers = workers_.size() - busy_workers_;
        if (!stopping_ && queue_.size() < free_workers + max_queued_) {
            queue_.push_back(std::move(j));
            wake_.notify_one();
            return;
        }
    }
    j.done(unavailable("database query queue is full"));
}

void query_pool::worker() {
    std::unique_ptr<pqxx::connection> conn;
    for (;;) {
        job j;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) {
                return;
            }
            j = std::move(queue_.front());
            queue_.pop_front();
            ++busy_workers_;
        }
        execute(conn, j);
        const std::lock_guard lock(mutex_);
        --busy_workers_;
    }
}

void query_pool::execute(std::unique_ptr<pqxx::connection>& conn, job& j) {
    std::exception_ptr failure;
    try {
        if (!conn || !conn->is_open()) {
            conn.reset();
            conn = std::make_unique<pqxx::connection>(conninfo_);
        }
        pqxx::read_transaction tx(*conn);
        if (j.tenant_id) {
            tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", *j.tenant_id);
        }
        j.work(tx);
        tx.commit();
    } catch (const pqxx::broken_connection&) {
        conn.reset();
        failure = unavailable("database connection lost");
    } catch (const pqxx::in_doubt_error&) {
        conn.reset();
        failure = unavailable("database connection lost");
    } catch (...) {
        if (conn && !conn->is_open()) {
            conn.reset();
            failure = unavailable("database connection lost");
        } else {
            failure = std::current_exception();
        }
    }
    j.done(failure);
}

} // namespace ventros::gateway
