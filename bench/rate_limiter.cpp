// Micro-benchmark of the gateway's per-tenant rate limiter: try_acquire ns/op on one and
// several threads (own tenant, 10,000 tenants, one shared tenant), against the cost of an
// uncontended std::mutex lock/unlock measured in the same run; prints the ratios last.
#include "ventros/gateway/rate_limiter.hpp"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace {

using ventros::gateway::rate_limiter;
using ventros::gateway::rate_policy;
using clock_type = std::chrono::steady_clock;

const auto t0 = clock_type::time_point{} + std::chrono::hours(24);
// A million requests a second: at the simulated microsecond per call a busy tenant stays
// just within its rate, so most calls take the allowed path.
const rate_policy policy = rate_policy::per_minute(60'000'000);
constexpr int tenant_count = 10'000;

const std::vector<std::string>& tenants() {
    static const auto names = [] {
        std::vector<std::string> out;
        for (int i = 0; i < tenant_count; ++i) {
            out.push_back("tenant-" + std::to_string(i));
        }
        return out;
    }();
    return names;
}

std::optional<rate_limiter> limiter_under_test;

/// A fresh limiter for each run (Setup runs once, before the run's threads start).
void fresh_limiter(const benchmark::State&) {
    limiter_under_test.emplace();
}

rate_limiter& shared_limiter() {
    return *limiter_under_test;
}

/// Simulated time: a microsecond per call, so buckets refill as under real traffic.
clock_type::time_point tick(std::int64_t i) {
    return t0 + std::chrono::microseconds(i);
}

void mutex_lock_unlock(benchmark::State& state) {
    std::mutex own; // one per thread: never contended
    for (auto _ : state) {
        own.lock();
        benchmark::ClobberMemory();
        own.unlock();
    }
}

void try_acquire_own_tenant(benchmark::State& state) {
    const auto& tenant = tenants()[static_cast<std::size_t>(state.thread_index())];
    std::int64_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(shared_limiter().try_acquire(tenant, policy, tick(++i)));
    }
}

void try_acquire_many_tenants(benchmark::State& state) {
    const auto& names = tenants();
    std::int64_t i = 0;
    std::size_t next = static_cast<std::size_t>(state.thread_index()) * 7919;
    for (auto _ : state) {
        next = (next + 7919) % names.size();
        benchmark::DoNotOptimize(shared_limiter().try_acquire(names[next], policy, tick(++i)));
    }
}

void try_acquire_shared_tenant(benchmark::State& state) {
    const auto& tenant = tenants().front();
    std::int64_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(shared_limiter().try_acquire(tenant, policy, tick(++i)));
    }
}

BENCHMARK(mutex_lock_unlock)->ThreadRange(1, 8)->UseRealTime();
BENCHMARK(try_acquire_own_tenant)->Setup(fresh_limiter)->ThreadRange(1, 8)->UseRealTime();
BENCHMARK(try_acquire_many_tenants)->Setup(fresh_limiter)->ThreadRange(1, 8)->UseRealTime();
BENCHMARK(try_acquire_shared_tenant)->Setup(fresh_limiter)->ThreadRange(1, 8)->UseRealTime();

/// Prints the usual table and keeps each run's ns/op to print the ratios at the end.
class ratio_reporter final : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.run_type == Run::RT_Iteration && !run.error_occurred) {
                const auto family = run.run_name.function_name;
                ns_per_op_[{family, run.threads}] = run.GetAdjustedRealTime();
            }
        }
    }

    void print_ratios() const {
        std::printf("\nns/op relative to an uncontended std::mutex lock/unlock "
                    "(same thread count):\n");
        for (const auto& [key, ns] : ns_per_op_) {
            const auto& [family, threads] = key;
            const auto baseline = ns_per_op_.find({"mutex_lock_unlock", threads});
            if (family == "mutex_lock_unlock" || baseline == ns_per_op_.end()) {
                continue;
            }
            std::printf("  %-26s threads:%-2lld %8.1f ns/op  %6.1fx baseline (%.1f ns)\n",
                        family.c_str(), static_cast<long long>(threads), ns, ns / baseline->second,
                        baseline->second);
        }
    }

private:
    std::map<std::pair<std::string, std::int64_t>, double> ns_per_op_;
};

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratios();
    benchmark::Shutdown();
    return 0;
}
