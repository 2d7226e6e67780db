#include "ventros/projections/dead_letter_queue.hpp"

#include "ventros/eventlog/errors.hpp"

#include <atomic>
#include <climits>
#include <librdkafka/rdkafka.h>
#include <string>

namespace ventros::projections {

struct dead_letter_queue::impl {
    std::string topic;
    rd_kafka_t* client = nullptr;
    std::atomic<std::size_t> failed{0};
    std::string first_failure; ///< written by the delivery callback, read after flush

    ~impl() {
        if (client != nullptr) {
            rd_kafka_flush(client, 5000);
            rd_kafka_destroy(client);
        }
    }

    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            return;
        }
        auto* self = static_cast<impl*>(opaque);
        if (self->failed.fetch_add(1) == 0) {
            self->first_failure = rd_kafka_err2str(message->err);
        }
    }
};

namespace {

void set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
    char reason[512];
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), reason, sizeof reason) !=
        RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        throw eventlog::kafka_error("dead-letter producer setting " + name + ": " + reason, false,
                                    true);
    }
}

} // namespace

dead_letter_queue::dead_letter_queue(const eventlog::kafka_config& config)
    : impl_(std::make_unique<impl>()) {
    impl_->topic = config.topic_prefix + "dlq";
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", config.bootstrap_servers);
    set(conf, "client.id", "ventros-dead-letters");
    set(conf, "enable.idempotence", "true");
    set(conf, "acks", "all");
    set(conf, "partitioner", "murmur2_random");
    set(conf, "linger.ms", "5");
    for (const auto& [name, value] : config.extra) {
        set(conf, name, value);
    }
    rd_kafka_conf_set_dr_msg_cb(conf, &impl::on_delivery);
    rd_kafka_conf_set_opaque(conf, impl_.get());
    char reason[512];
    impl_->client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (impl_->client == nullptr) {
        rd_kafka_conf_destroy(conf);
        throw eventlog::kafka_error(std::string("dead-letter producer: ") + reason, false, true);
    }
}

dead_letter_queue::~dead_letter_queue() = default;

void dead_letter_queue::add(const eventlog::record& source, std::string_view projection,
                            const dead_letter& why) {
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(source.hdrs.size() + 6);
    const auto put = [hdrs](std::string_view key, std::string_view value) {
        rd_kafka_header_add(hdrs, key.data(), static_cast<ssize_t>(key.size()), value.data(),
                            static_cast<ssize_t>(value.size()));
    };
    for (const auto& h : source.hdrs) {
        put(h.key, h.value);
    }
    put("dlq_reason", why.reason);
    put("dlq_error", why.detail);
    put("dlq_projection", projection);
    put("dlq_source_topic", source.topic);
    put("dlq_source_partition", std::to_string(source.partition));
    put("dlq_source_offset", std::to_string(source.offset));

    for (;;) {
        const rd_kafka_resp_err_t err = rd_kafka_producev(
            impl_->client, RD_KAFKA_V_TOPIC(impl_->topic.c_str()),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_KEY(source.key.data(), source.key.size()),
            RD_KAFKA_V_VALUE(const_cast<char*>(source.value.data()), source.value.size()),
            RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            return; // the message owns the headers now
        }
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_headers_destroy(hdrs);
            throw eventlog::kafka_error(
                std::string("dead-letter produce failed: ") + rd_kafka_err2str(err), true, false);
        }
        rd_kafka_poll(impl_->client, 100); // make room by serving delivery reports
    }
}

void dead_letter_queue::flush(std::chrono::milliseconds timeout) {
    const auto ms = static_cast<int>(std::min<std::int64_t>(timeout.count(), INT_MAX));
    const rd_kafka_resp_err_t err = rd_kafka_flush(impl_->client, ms);
    const std::size_t failed = impl_->failed.exchange(0);
    if (failed > 0) {
        throw eventlog::kafka_error(std::to_string(failed) +
                                        " dead letters not delivered: " + impl_->first_failure,
                                    true, false);
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw eventlog::kafka_error("dead letters not acknowledged in time", true, false);
    }
}

} // namespace ventros::projections
