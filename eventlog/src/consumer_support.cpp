#include "consumer_support.hpp"

#include "kafka_conf.hpp"
#include "kafka_errors.hpp"

namespace ventros::eventlog::detail {

namespace {

using clock = std::chrono::steady_clock;

/// Copies `m` into `r`, reusing the capacity of `r`'s strings and headers.
void copy_into(const rd_kafka_message_t& m, record& r) {
    r.topic.assign(rd_kafka_topic_name(m.rkt));
    r.partition = m.partition;
    r.offset = m.offset;
    const auto bytes = [](const void* data, std::size_t size) {
        return data == nullptr ? std::string_view{}
                               : std::string_view{static_cast<const char*>(data), size};
    };
    r.key.assign(bytes(m.key, m.key_len));
    r.value.assign(bytes(m.payload, m.len));
    rd_kafka_timestamp_type_t type{};
    r.timestamp_ms = rd_kafka_message_timestamp(&m, &type);
    std::size_t count = 0;
    rd_kafka_headers_t* hs = nullptr;
    if (rd_kafka_message_headers(&m, &hs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        std::size_t size = 0;
        for (;
             rd_kafka_header_get_all(hs, count, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
             ++count) {
            if (count == r.hdrs.size()) {
                r.hdrs.emplace_back();
            }
            r.hdrs[count].key.assign(name);
            r.hdrs[count].value.assign(bytes(value, size));
        }
    }
    r.hdrs.resize(count);
}

void check_error(rd_kafka_t* rk, const rd_kafka_message_t& m) {
    std::string context = "consuming";
    if (m.rkt != nullptr) {
        context +=
            " " + std::string{rd_kafka_topic_name(m.rkt)} + "/" + std::to_string(m.partition);
    }
    switch (m.err) {
    case RD_KAFKA_RESP_ERR__FATAL:
        throw make_error(context, m.err, rk);
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        // May be metadata catching up right after creation, hence retriable.
        throw kafka_error{context + ": " + rd_kafka_err2str(m.err), true, false};
    case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
        throw make_error(context, m.err, rk);
    default:
        return; // transient: librdkafka keeps retrying
    }
}

} // namespace

std::vector<setting> consumer_settings(std::vector<setting> role_settings) {
    std::vector<setting> settings = {
        {"isolation.level", "read_committed"},    {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},    {"enable.partition.eof", "false"},
        {"fetch.max.bytes", "16777216"},          {"max.partition.fetch.bytes", "8388608"},
        {"queued.max.messages.kbytes", "262144"}, {"fetch.wait.max.ms", "100"},
    };
    settings.insert(settings.end(), role_settings.begin(), role_settings.end());
    return settings;
}

std::size_t poll_each(rd_kafka_t* rk, std::size_t max_records, std::chrono::milliseconds timeout,
                      const std::function<void(const rd_kafka_message_t&)>& on_message,
                      const std::function<void()>& after_each_poll) {
    std::size_t handed = 0;
    const auto deadline = clock::now() + timeout;
    while (handed < max_records) {
        // Only the wait for the first record uses the timeout; then take what is queued.
        const int wait = handed == 0 ? to_timeout_ms(remaining(deadline)) : 0;
        const message_handle m{rd_kafka_consumer_poll(rk, wait)};
        if (after_each_poll) {
            after_each_poll();
        }
        if (!m) {
            if (handed > 0 || clock::now() >= deadline) {
                break;
            }
            continue;
        }
        if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            check_error(rk, *m);
            continue;
        }
        on_message(*m);
        ++handed;
    }
    return handed;
}

std::vector<record> poll_records(rd_kafka_t* rk, std::size_t max_records,
                                 std::chrono::milliseconds timeout,
                                 const std::function<void()>& after_each_poll) {
    std::vector<record> out;
    poll_each(
        rk, max_records, timeout,
        [&](const rd_kafka_message_t& m) { copy_into(m, out.emplace_back()); }, after_each_poll);
    return out;
}

std::size_t poll_reusing(rd_kafka_t* rk, std::size_t max_records, std::chrono::milliseconds timeout,
                         record& scratch, const std::function<void(const record&)>& on_record) {
    return poll_each(rk, max_records, timeout, [&](const rd_kafka_message_t& m) {
        copy_into(m, scratch);
        on_record(scratch);
    });
}

partition_list_handle to_partition_list(const std::vector<partition_offset>& from) {
    auto list = make_partition_list(static_cast<int>(from.size()));
    for (const auto& p : from) {
        rd_kafka_topic_partition_list_add(list.get(), p.topic.c_str(), p.partition)->offset =
            p.offset;
    }
    return list;
}

std::vector<partition_offset> from_partition_list(const rd_kafka_topic_partition_list_t& list) {
    std::vector<partition_offset> out;
    out.reserve(static_cast<std::size_t>(list.cnt));
    for (int i = 0; i < list.cnt; ++i) {
        const auto& e = list.elems[i];
        out.push_back({e.topic, e.partition, e.offset});
    }
    return out;
}

std::pair<std::int64_t, std::int64_t> query_watermarks(rd_kafka_t* rk, const std::string& topic,
                                                       std::int32_t partition,
                                                       std::chrono::milliseconds timeout) {
    std::int64_t low = 0;
    std::int64_t high = 0;
    throw_if("watermarks of " + topic + "/" + std::to_string(partition),
             rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high,
                                              to_timeout_ms(timeout)),
             rk);
    return {low, high};
}

} // namespace ventros::eventlog::detail
