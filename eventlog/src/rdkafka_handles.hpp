#pragma once

// Owning handles for librdkafka C objects, so every exit path releases them.

#include <librdkafka/rdkafka.h>
#include <memory>

namespace ventros::eventlog::detail {

struct rdkafka_deleter {
    void operator()(rd_kafka_t* p) const noexcept { rd_kafka_destroy(p); }
    void operator()(rd_kafka_conf_t* p) const noexcept { rd_kafka_conf_destroy(p); }
    void operator()(rd_kafka_topic_t* p) const noexcept { rd_kafka_topic_destroy(p); }
    void operator()(rd_kafka_topic_partition_list_t* p) const noexcept {
        rd_kafka_topic_partition_list_destroy(p);
    }
    void operator()(rd_kafka_headers_t* p) const noexcept { rd_kafka_headers_destroy(p); }
    void operator()(rd_kafka_error_t* p) const noexcept { rd_kafka_error_destroy(p); }
    void operator()(rd_kafka_message_t* p) const noexcept { rd_kafka_message_destroy(p); }
    void operator()(rd_kafka_queue_t* p) const noexcept { rd_kafka_queue_destroy(p); }
    void operator()(rd_kafka_event_t* p) const noexcept { rd_kafka_event_destroy(p); }
    void operator()(rd_kafka_AdminOptions_t* p) const noexcept { rd_kafka_AdminOptions_destroy(p); }
    void operator()(rd_kafka_NewTopic_t* p) const noexcept { rd_kafka_NewTopic_destroy(p); }
    void operator()(const rd_kafka_metadata_t* p) const noexcept { rd_kafka_metadata_destroy(p); }
};

using client_handle = std::unique_ptr<rd_kafka_t, rdkafka_deleter>;
using conf_handle = std::unique_ptr<rd_kafka_conf_t, rdkafka_deleter>;
using topic_handle = std::unique_ptr<rd_kafka_topic_t, rdkafka_deleter>;
using partition_list_handle = std::unique_ptr<rd_kafka_topic_partition_list_t, rdkafka_deleter>;
using headers_handle = std::unique_ptr<rd_kafka_headers_t, rdkafka_deleter>;
using error_handle = std::unique_ptr<rd_kafka_error_t, rdkafka_deleter>;
using message_handle = std::unique_ptr<rd_kafka_message_t, rdkafka_deleter>;
using queue_handle = std::unique_ptr<rd_kafka_queue_t, rdkafka_deleter>;
using event_handle = std::unique_ptr<rd_kafka_event_t, rdkafka_deleter>;
using admin_options_handle = std::unique_ptr<rd_kafka_AdminOptions_t, rdkafka_deleter>;
using new_topic_handle = std::unique_ptr<rd_kafka_NewTopic_t, rdkafka_deleter>;
using metadata_handle = std::unique_ptr<const rd_kafka_metadata_t, rdkafka_deleter>;

inline partition_list_handle make_partition_list(int capacity) {
    return partition_list_handle{rd_kafka_topic_partition_list_new(capacity)};
}

} // namespace ventros::eventlog::detail
