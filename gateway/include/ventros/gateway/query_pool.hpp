#pragma once

#include "ventros/gateway/database_unavailable.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>
#include <thread>
#include <vector>

namespace ventros::gateway {

/// Runs blocking libpqxx work on its own threads (one per connection) so io threads never
/// block. Each job gets a read-only transaction on a pooled connection; connections open
/// lazily and a broken one is replaced on the next job. When every connection is busy
/// and `max_queued` jobs already wait, a new job fails at once with database_unavailable
/// instead of waiting without bound. Thread-safe. The destructor fails queued jobs with
/// database_unavailable and joins the workers.
class query_pool final {
public:
    query_pool(std::string conninfo, std::size_t connections, std::size_t max_queued = 256);
    ~query_pool();
    query_pool(const query_pool&) = delete;
    query_pool& operator=(const query_pool&) = delete;

    /// Runs `work` in a transaction that first sets `app.tenant_id` (row-level security,
    /// DESIGN §4), then commits. Resumes on the awaiting coroutine's executor with the
    /// result, or rethrows: database_unavailable when PostgreSQL cannot be reached or the
    /// pool is saturated, any other exception from `work` as is. R must not be void.
    template <class R>
    boost::asio::awaitable<R> run_for_tenant(std::string tenant_id,
                                             std::function<R(pqxx::read_transaction&)> work) {
        return run<R>(std::optional<std::string>(std::move(tenant_id)), std::move(work));
    }

    /// Like run_for_tenant without a tenant: for tables that are not tenant-scoped
    /// (projection checkpoints).
    template <class R>
    boost::asio::awaitable<R> run_global(std::function<R(pqxx::read_transaction&)> work) {
        return run<R>(std::nullopt, std::move(work));
    }

private:
    using body = std::function<void(pqxx::read_transaction&)>;
    using completion = std::function<void(std::exception_ptr)>;

    struct job {
        std::optional<std::string> tenant_id;
        body work;
        completion done;
    };

    template <class R>
    boost::asio::awaitable<R> run(std::optional<std::string> tenant_id,
                                  std::function<R(pqxx::read_transaction&)> work) {
        namespace asio = boost::asio;
        auto result = std::make_shared<std::optional<R>>();
        auto init = [this, &tenant_id, &work, result](auto resume) {
            using handler_type = decltype(resume);
            auto executor = asio::prefer(asio::get_associated_executor(resume),
                                         asio::execution::outstanding_work.tracked);
            auto shared = std::make_shared<handler_type>(std::move(resume));
            completion done = [shared, executor](std::exception_ptr e) {
                asio::post(executor, [shared, e] { std::move (*shared)(e); });
            };
            submit(job{std::move(tenant_id),
                       [result, w = std::move(work)](pqxx::read_transaction& tx) {
                           result->emplace(w(tx));
                       },
                       std::move(done)});
        };
        co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(std::exception_ptr)>(
            std::move(init), asio::use_awaitable);
        co_return std::move(**result);
    }

    /// Queues `j` or completes it at once with database_unavailable.
    void submit(job j);
    void worker();
    void execute(std::unique_ptr<pqxx::connection>& conn, job& j);

    std::string conninfo_;
    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> queue_;
    std::size_t busy_workers_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace ventros::gateway
