// Pins key placement: our murmur2 partitioner agrees with Kafka's Java client and librdkafka.
#include "ventros/eventlog/partitioner.hpp"

#include <array>
#include <cstdint>
#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>
#include <memory>
#include <random>
#include <string>
#include <utility>

using ventros::eventlog::murmur2;
using ventros::eventlog::partition_for_key;

namespace {

// Values of org.apache.kafka.common.utils.Utils.murmur2 (a Java int) for these keys.
constexpr std::array<std::pair<std::string_view, std::int32_t>, 11> java_vectors{{
    {"21", -973932308},
    {"foobar", -790332482},
    {"a-little-bit-long-string", -985981536},
    {"a-little-bit-longer-string", -1486304829},
    {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
    {"abc", 479470107},
    {"1", -1993445489},
    {"12", 126087238},
    {"123", -267702483},
    {"1234", -1614185708},
    {"12345", -1188365604},
}};

struct rdkafka_topic {
    rd_kafka_t* rk = nullptr;
    rd_kafka_topic_t* rkt = nullptr;
    rdkafka_topic() {
        std::array<char, 256> reason{};
        // No brokers: only the partitioner is used, so silence the "no bootstrap" warning.
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason.data(), reason.size());
        REQUIRE(rk != nullptr);
        rkt = rd_kafka_topic_new(rk, "partitioner-test", nullptr);
        REQUIRE(rkt != nullptr);
    }
    ~rdkafka_topic() {
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
    }
    rdkafka_topic(const rdkafka_topic&) = delete;
    rdkafka_topic& operator=(const rdkafka_topic&) = delete;
};

} // namespace

TEST_CASE("murmur2 matches the Java client's values, tails of every length included") {
    for (const auto& [key, expected] : java_vectors) {
        CAPTURE(key);
        CHECK(murmur2(key) == static_cast<std::uint32_t>(expected));
    }
}

TEST_CASE("partition_for_key masks the sign bit before the modulo, as Java's toPositive") {
    // "21" hashes to a negative Java int: a plain modulo of the signed value would differ.
    const auto hash = static_cast<std::uint32_t>(-973932308);
    CHECK(partition_for_key("21", 12) == static_cast<std::int32_t>((hash & 0x7fffffffU) % 12));
    CHECK(partition_for_key("21", 1) == 0);
}

TEST_CASE("partition_for_key agrees with librdkafka's murmur2_random for random keys") {
    const rdkafka_topic topic;
    std::mt19937 rng{20240601};
    std::uniform_int_distribution<int> length{1, 64};
    std::uniform_int_distribution<int> byte{0, 255};
    for (int i = 0; i < 5000; ++i) {
        std::string key(static_cast<std::size_t>(length(rng)), '\0');
        for (auto& c : key) {
            c = static_cast<char>(byte(rng));
        }
        for (const std::int32_t partitions : {1, 3, 12, 64, 1000}) {
            const auto theirs = rd_kafka_msg_partitioner_murmur2_random(
                topic.rkt, key.data(), key.size(), partitions, nullptr, nullptr);
            REQUIRE(partition_for_key(key, partitions) == theirs);
        }
    }
}
