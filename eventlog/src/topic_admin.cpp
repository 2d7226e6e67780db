#include "ventros/eventlog/topic_admin.hpp"

#include "consumer_support.hpp"
#include "kafka_conf.hpp"
#include "kafka_errors.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <string_view>
#include <thread>

namespace ventros::eventlog {

namespace {

using clock = std::chrono::steady_clock;

detail::client_handle admin_client(const kafka_config& config) {
    return detail::make_client(RD_KAFKA_PRODUCER, detail::make_conf(config, {}));
}

int replication_factor() {
    const char* text = std::getenv("VENTROS_KAFKA_REPLICATION");
    if (text == nullptr || *text == '\0') {
        return 1;
    }
    const std::string_view view{text};
    int value = 0;
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    if (ec != std::errc{} || end != view.data() + view.size() || (value < 1 && value != -1)) {
        throw kafka_error{"VENTROS_KAFKA_REPLICATION must be a positive number or -1 (broker "
                          "default), got '" +
                              std::string{view} + "'",
                          false, false};
    }
    return value;
}

// -1 when the broker does not know the topic (yet).
std::int32_t partitions_in_metadata(rd_kafka_t* rk, const std::string& topic,
                                    std::chrono::milliseconds timeout) {
    const detail::topic_handle handle{rd_kafka_topic_new(rk, topic.c_str(), nullptr)};
    const rd_kafka_metadata_t* raw = nullptr;
    detail::throw_if("metadata for " + topic,
                     rd_kafka_metadata(rk, 0, handle.get(), &raw, detail::to_timeout_ms(timeout)),
                     rk);
    const detail::metadata_handle metadata{raw};
    for (int i = 0; i < metadata->topic_cnt; ++i) {
        const auto& t = metadata->topics[i];
        if (topic == t.topic && t.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            return t.partition_cnt;
        }
    }
    return -1;
}

void create_topics(rd_kafka_t* rk, const std::vector<std::string>& names, int partitions,
                   clock::time_point deadline) {
    const int replication = replication_factor();
    std::vector<detail::new_topic_handle> owned;
    std::vector<rd_kafka_NewTopic_t*> raw;
    for (const auto& name : names) {
        std::array<char, 512> reason{};
        detail::new_topic_handle t{rd_kafka_NewTopic_new(name.c_str(), partitions, replication,
                                                         reason.data(), reason.size())};
        if (!t) {
            throw kafka_error{"topic " + name + ": " + reason.data(), false, false};
        }
        raw.push_back(t.get());
        owned.push_back(std::move(t));
    }
    const detail::admin_options_handle options{
        rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS)};
    std::array<char, 512> reason{};
    const int budget = detail::to_timeout_ms(detail::remaining(deadline));
    detail::throw_if("admin options", rd_kafka_AdminOptions_set_request_timeout(
                                          options.get(), budget, reason.data(), reason.size()));
    detail::throw_if("admin options", rd_kafka_AdminOptions_set_operation_timeout(
                                          options.get(), budget, reason.data(), reason.size()));

    const detail::queue_handle queue{rd_kafka_queue_new(rk)};
    rd_kafka_CreateTopics(rk, raw.data(), raw.size(), options.get(), queue.get());
    const detail::event_handle event{
        rd_kafka_queue_poll(queue.get(), detail::to_timeout_ms(detail::remaining(deadline)))};
    if (!event) {
        throw kafka_error{"create topics: no answer from the broker in time", true, false};
    }
    detail::throw_if("create topics", rd_kafka_event_error(event.get()), rk);
    const auto* result = rd_kafka_event_CreateTopics_result(event.get());
    std::size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
            continue;
        }
        const char* message = rd_kafka_topic_result_error_string(results[i]);
        throw kafka_error{std::string{"create topic "} + rd_kafka_topic_result_name(results[i]) +
                              ": " + rd_kafka_err2name(err) + ": " +
                              (message != nullptr ? message : rd_kafka_err2str(err)),
                          detail::is_retriable(err), false};
    }
}

} // namespace

void ensure_topics(const kafka_config& config, std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    const auto client = admin_client(config);
    const auto names = topics::with_prefix(config.topic_prefix);
    const std::vector<std::string> all{names.identity, names.crm, names.billing, names.privacy,
                                       names.dlq};
    create_topics(client.get(), all, config.partitions, deadline);
    // Creation returns before every broker's metadata has the topics; wait so callers
    // can use them at once.
    for (const auto& name : all) {
        while (partitions_in_metadata(client.get(), name, detail::remaining(deadline)) < 0) {
            if (clock::now() >= deadline) {
                throw kafka_error{"topic " + name + " created but not visible in time", true,
                                  false};
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
    }
}

std::int32_t partition_count(const kafka_config& config, const std::string& topic,
                             std::chrono::milliseconds timeout) {
    const auto client = admin_client(config);
    const auto count = partitions_in_metadata(client.get(), topic, timeout);
    if (count < 0) {
        throw kafka_error{"topic " + topic + " does not exist", false, false};
    }
    return count;
}

std::vector<std::int64_t> high_watermarks(const kafka_config& config, const std::string& topic,
                                          std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    const auto client = admin_client(config);
    const auto count = partitions_in_metadata(client.get(), topic, timeout);
    if (count < 0) {
        throw kafka_error{"topic " + topic + " does not exist", false, false};
    }
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::int32_t p = 0; p < count; ++p) {
        out.push_back(
            detail::query_watermarks(client.get(), topic, p, detail::remaining(deadline)).second);
    }
    return out;
}

} // namespace ventros::eventlog
