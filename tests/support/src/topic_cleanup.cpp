#include "topic_cleanup.hpp"

#include <librdkafka/rdkafka.h>

namespace ventros::testing {

void delete_topics(const std::string& brokers, const std::vector<std::string>& names) {
    char reason[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), reason, sizeof reason) !=
        RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        return;
    }
    rd_kafka_t* client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (client == nullptr) {
        rd_kafka_conf_destroy(conf);
        return;
    }
    std::vector<rd_kafka_DeleteTopic_t*> topics;
    for (const auto& name : names) {
        topics.push_back(rd_kafka_DeleteTopic_new(name.c_str()));
    }
    rd_kafka_queue_t* answers = rd_kafka_queue_new(client);
    rd_kafka_DeleteTopics(client, topics.data(), topics.size(), nullptr, answers);
    if (rd_kafka_event_t* answer = rd_kafka_queue_poll(answers, 10000); answer != nullptr) {
        rd_kafka_event_destroy(answer);
    }
    rd_kafka_DeleteTopic_destroy_array(topics.data(), topics.size());
    rd_kafka_queue_destroy(answers);
    rd_kafka_destroy(client);
}

} // namespace ventros::testing
