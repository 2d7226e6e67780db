#pragma once

#include <array>
#include <doctest/doctest.h>
#include <initializer_list>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <string>

namespace ventros::testing {

/// librdkafka's built-in mock cluster (one broker, no real Kafka) with the given topics,
/// for focused tests that inject broker errors. Header-only so unit tests can use it
/// without the rest of the test support library.
class mock_kafka {
public:
    mock_kafka(std::initializer_list<std::string> topics, int partitions) {
        // A mock cluster needs a client for its bookkeeping; ours connect to its listeners.
        std::array<char, 256> reason{};
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
        owner_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason.data(), reason.size());
        REQUIRE(owner_ != nullptr);
        cluster = rd_kafka_mock_cluster_new(owner_, 1);
        REQUIRE(cluster != nullptr);
        for (const auto& topic : topics) {
            REQUIRE(rd_kafka_mock_topic_create(cluster, topic.c_str(), partitions, 1) ==
                    RD_KAFKA_RESP_ERR_NO_ERROR);
        }
    }
    ~mock_kafka() {
        rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(owner_);
    }
    mock_kafka(const mock_kafka&) = delete;
    mock_kafka& operator=(const mock_kafka&) = delete;

    std::string bootstrap_servers() const { return rd_kafka_mock_cluster_bootstraps(cluster); }

    /// Takes the broker down (connections refused) or brings it back.
    void broker_up(bool up) {
        const auto err = up ? rd_kafka_mock_broker_set_up(cluster, 1)
                            : rd_kafka_mock_broker_set_down(cluster, 1);
        REQUIRE(err == RD_KAFKA_RESP_ERR_NO_ERROR);
    }

    rd_kafka_mock_cluster_t* cluster = nullptr; ///< for rd_kafka_mock_* error injection

private:
    rd_kafka_t* owner_ = nullptr;
};

} // namespace ventros::testing
