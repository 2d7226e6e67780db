#include "ventros/eventlog/log_reader.hpp"

#include "consumer_support.hpp"
#include "kafka_conf.hpp"
#include "kafka_errors.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace ventros::eventlog {

struct log_reader::impl {
    detail::client_handle client;
    // Where each assigned partition started, for current_position before any record.
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> starts;
    record scratch; ///< reused by poll_each
};

log_reader::log_reader(const kafka_config& config) : impl_{std::make_unique<impl>()} {
    // librdkafka's consumer API wants a group.id even though this reader never joins
    // (assign() only) and never commits, so a throw-away one.
    auto conf =
        detail::make_conf(config, detail::consumer_settings({
                                      {"group.id", "ventros-reader-" + detail::random_hex(16)},
                                      // Replay must not silently skip deleted events.
                                      {"auto.offset.reset", "error"},
                                  }));
    impl_->client = detail::make_client(RD_KAFKA_CONSUMER, std::move(conf));
    rd_kafka_poll_set_consumer(impl_->client.get());
}

log_reader::~log_reader() = default;

void log_reader::assign(const std::vector<partition_offset>& from) {
    const auto list = detail::to_partition_list(from);
    detail::throw_if("assign", rd_kafka_assign(impl_->client.get(), list.get()));
    impl_->starts.clear();
    for (const auto& p : from) {
        impl_->starts[{p.topic, p.partition}] = p.offset;
    }
}

std::vector<record> log_reader::poll(std::size_t max_records, std::chrono::milliseconds timeout) {
    return detail::poll_records(impl_->client.get(), max_records, timeout);
}

std::size_t log_reader::poll_each(std::size_t max_records, std::chrono::milliseconds timeout,
                                  const std::function<void(const record&)>& on_record) {
    return detail::poll_reusing(impl_->client.get(), max_records, timeout, impl_->scratch,
                                on_record);
}

std::vector<std::int64_t> log_reader::end_offsets(const std::string& topic,
                                                  const std::vector<std::int32_t>& partitions,
                                                  std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::vector<std::int64_t> out;
    out.reserve(partitions.size());
    for (const auto partition : partitions) {
        // ListOffsets with this client's isolation level: the last stable offset.
        out.push_back(detail::query_watermarks(impl_->client.get(), topic, partition,
                                               detail::remaining(deadline))
                          .second);
    }
    return out;
}

std::int64_t log_reader::current_position(const std::string& topic, std::int32_t partition) {
    auto list = detail::make_partition_list(1);
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    detail::throw_if("position", rd_kafka_position(impl_->client.get(), list.get()));
    const auto offset = list->elems[0].offset;
    if (offset >= 0) {
        return offset;
    }
    // Nothing returned yet: still at the assigned start.
    const auto it = impl_->starts.find({topic, partition});
    return it == impl_->starts.end() ? offset : it->second;
}

} // namespace ventros::eventlog
