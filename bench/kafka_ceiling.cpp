// The Kafka ceiling of the ingest benchmark: `producers` threads, each with its own
// transactional producer, append copies of a real lead record (read from the gateway's
// topic) keyed across `tenants` tenants, in back-to-back transactions of `batch` records,
// for `seconds`. Each producer owns the partitions p % producers == index, as the
// gateway's writer shards do. Prints one JSON line with records/s and transaction latency.
// Usage: kafka_ceiling --brokers H:P --sample-topic T --topic D [--partitions 12]
//          [--producers 4] [--batch 16] [--tenants 1000] [--tenant-prefix bench-] [--seconds 10]
//          [--rdkafka key=value,key=value]   (extra librdkafka properties)
//          [--lanes 1]   (transactional ids each producer rotates over, as the gateway's
//                         --transaction-lanes)
#include "percentile.hpp"
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/partitioner.hpp"
#include "ventros/eventlog/transactional_producer.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;
namespace eventlog = ventros::eventlog;
using ventros::bench::percentile;

struct options {
    std::string brokers = "127.0.0.1:19092";
    std::string sample_topic;
    std::string topic;
    int partitions = 12;
    int producers = 4;
    int lanes = 1;
    std::size_t batch = 16;
    int tenants = 1000;
    std::string tenant_prefix = "bench-";
    double seconds = 10;
    std::map<std::string, std::string> rdkafka;
};

/// `key=value,key=value` → properties; throws on a pair without '='.
std::map<std::string, std::string> parse_properties(const std::string& text) {
    std::map<std::string, std::string> properties;
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find(',', start);
        end = end == std::string::npos ? text.size() : end;
        const auto property = text.substr(start, end - start);
        const auto equals = property.find('=');
        if (equals == std::string::npos) {
            throw CLI::ValidationError("--rdkafka", "wants key=value pairs, not " + property);
        }
        properties[property.substr(0, equals)] = property.substr(equals + 1);
        start = end + 1;
    }
    return properties;
}

/// One record the gateway wrote, to copy: same value, same headers.
eventlog::record read_sample(const eventlog::kafka_config& config, const options& o) {
    eventlog::log_reader reader(config);
    std::vector<eventlog::partition_offset> from;
    for (int p = 0; p < o.partitions; ++p) {
        from.push_back({o.sample_topic, p, 0});
    }
    reader.assign(from);
    const auto deadline = clock_type::now() + std::chrono::seconds(20);
    while (clock_type::now() < deadline) {
        auto records = reader.poll(1, std::chrono::milliseconds(500));
        if (!records.empty()) {
            return records.front();
        }
    }
    throw std::runtime_error("no record to copy in " + o.sample_topic);
}

/// The sample re-keyed for a tenant, placed as the gateway places it.
eventlog::outgoing_record for_tenant(const eventlog::record& sample, const options& o,
                                     const std::string& tenant) {
    eventlog::outgoing_record r{o.topic, eventlog::partition_for_key(tenant, o.partitions), tenant,
                                sample.value, sample.hdrs};
    for (auto& h : r.hdrs) {
        if (h.key == "ce_tenantid") {
            h.value = tenant;
        }
    }
    return r;
}

int run(const options& o) {
    eventlog::kafka_config config;
    config.bootstrap_servers = o.brokers;
    config.partitions = o.partitions;
    const auto sample = read_sample(config, o);
    config.extra = o.rdkafka; // for the producers only

    // Tenants by owning producer, exactly as write_service routes them to shards.
    std::vector<std::vector<eventlog::outgoing_record>> owned(o.producers);
    for (int t = 1; t <= o.tenants; ++t) {
        auto r = for_tenant(sample, o, o.tenant_prefix + std::to_string(t));
        owned[r.partition % o.producers].push_back(std::move(r));
    }
    if (std::ranges::any_of(owned, [](const auto& records) { return records.empty(); })) {
        throw std::invalid_argument("a producer owns no tenant: use more tenants");
    }

    std::vector<std::unique_ptr<eventlog::transactional_producer>> producers;
    for (int i = 0; i < o.producers; ++i) {
        producers.push_back(std::make_unique<eventlog::transactional_producer>(
            config, "bench-ceiling:" + o.topic + ":" + std::to_string(i), o.lanes));
        producers.back()->init(std::chrono::seconds(30));
        // One transaction per lane first: connections and partition leaders are warm.
        for (int lane = 0; lane < o.lanes; ++lane) {
            producers.back()->append(std::span(owned[i]).first(1), std::chrono::seconds(30));
        }
    }

    std::atomic<std::uint64_t> appended{0};
    std::mutex failure_mutex;
    std::string failure; // the first append error, if any
    std::vector<std::vector<double>> latencies(o.producers);
    std::barrier start_line(o.producers + 1);
    clock_type::time_point end;
    std::vector<std::jthread> threads;
    for (int i = 0; i < o.producers; ++i) {
        threads.emplace_back([&, i] {
            auto& mine = owned[i];
            std::vector<eventlog::outgoing_record> batch(o.batch);
            std::size_t next = 0;
            start_line.arrive_and_wait();
            try {
                while (clock_type::now() < end) {
                    for (auto& r : batch) {
                        r = mine[next];
                        next = (next + 1) % mine.size();
                    }
                    const auto t0 = clock_type::now();
                    producers[i]->append(batch, std::chrono::seconds(30));
                    latencies[i].push_back(
                        std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
                    appended += batch.size();
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(failure_mutex);
                failure = failure.empty() ? e.what() : failure;
            }
        });
    }
    const auto started = clock_type::now();
    end = started + std::chrono::duration_cast<clock_type::duration>(
                        std::chrono::duration<double>(o.seconds));
    start_line.arrive_and_wait();
    threads.clear();
    const double elapsed = std::chrono::duration<double>(clock_type::now() - started).count();
    if (!failure.empty()) {
        throw std::runtime_error("append failed: " + failure);
    }

    std::vector<double> all;
    for (const auto& l : latencies) {
        all.insert(all.end(), l.begin(), l.end());
    }
    std::printf("{\"records_per_s\": %.1f, \"records\": %llu, \"transactions\": %zu, "
                "\"seconds\": %.3f, \"batch\": %zu, \"producers\": %d, \"record_bytes\": %zu, "
                "\"headers\": %zu, \"txn_p50_ms\": %.3f, \"txn_p99_ms\": %.3f}\n",
                static_cast<double>(appended.load()) / elapsed,
                static_cast<unsigned long long>(appended.load()), all.size(), elapsed, o.batch,
                o.producers, sample.value.size(), sample.hdrs.size(), percentile(all, 50),
                percentile(all, 99));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    double batch = static_cast<double>(o.batch); // ingest.sh passes the gateway's mean
    std::string rdkafka;
    CLI::App app{"The Kafka ceiling of the ingest benchmark: back-to-back transactions"};
    app.add_option("--brokers", o.brokers, "Kafka bootstrap servers");
    app.add_option("--sample-topic", o.sample_topic, "topic to copy a gateway record from")
        ->required();
    app.add_option("--topic", o.topic, "topic to append to")->required();
    app.add_option("--partitions", o.partitions)->check(CLI::PositiveNumber);
    app.add_option("--producers", o.producers)->check(CLI::PositiveNumber);
    app.add_option("--lanes", o.lanes, "transactional ids per producer (the gateway's lanes)")
        ->check(CLI::PositiveNumber);
    app.add_option("--batch", batch, "records per transaction (rounded)");
    app.add_option("--tenants", o.tenants)->check(CLI::PositiveNumber);
    app.add_option("--tenant-prefix", o.tenant_prefix);
    app.add_option("--seconds", o.seconds);
    app.add_option("--rdkafka", rdkafka, "extra librdkafka properties: key=value,...");
    try {
        app.parse(argc, argv);
        o.rdkafka = parse_properties(rdkafka);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    o.batch = static_cast<std::size_t>(std::max(1.0, std::round(batch)));
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "kafka_ceiling: " << e.what() << "\n";
        return 1;
    }
}
