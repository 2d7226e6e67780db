// Pins the limiter under contention: threads racing for one tenant's burst never get a
// token more than the bucket holds, and tenants in other shards are not disturbed.
#include "ventros/gateway/rate_limiter.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <string>
#include <thread>
#include <vector>

using namespace ventros::gateway;
using namespace std::chrono_literals;

namespace {

const auto t0 = std::chrono::steady_clock::time_point{} + 24h;

/// Runs `body(thread_index)` on `threads` threads at once.
template <typename Body>
void run_threads(int threads, Body body) {
    std::atomic<bool> go{false};
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            while (!go.load()) {
                std::this_thread::yield();
            }
            body(t);
        });
    }
    go = true;
}

} // namespace

TEST_CASE("8 threads x 1000 attempts on one tenant without refill get exactly the burst") {
    rate_limiter limiter;
    const auto policy = rate_policy::per_minute(600);
    std::atomic<int> allowed{0};
    run_threads(8, [&](int) {
        for (int i = 0; i < 1000; ++i) {
            if (limiter.try_acquire("acme", policy, t0).allowed) {
                ++allowed;
            }
        }
    });
    CHECK(allowed.load() == 100);
}

TEST_CASE("threads on many tenants each get exactly each tenant's burst") {
    rate_limiter limiter({.shards = 4});
    constexpr int tenants = 50;
    const rate_policy policy{60, 10};
    std::vector<std::atomic<int>> allowed(tenants);
    run_threads(8, [&](int thread) {
        for (int i = 0; i < 1000; ++i) {
            const int tenant = (i + thread) % tenants;
            if (limiter.try_acquire("tenant-" + std::to_string(tenant), policy, t0).allowed) {
                ++allowed[tenant];
            }
        }
    });
    for (int tenant = 0; tenant < tenants; ++tenant) {
        CHECK(allowed[tenant].load() == 10);
    }
    CHECK(limiter.tracked_tenants() == tenants);
}
