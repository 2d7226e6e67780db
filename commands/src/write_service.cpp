#include "ventros/commands/write_service.hpp"

#include "ventros/eventlog/partitioner.hpp"
#include "writer_shard.hpp"

#include <algorithm>

namespace ventros::commands {

std::string writer_transactional_id(const write_service_config& config, int index) {
    return "ventros-writer:" + config.kafka.topic_prefix + std::to_string(index) + "/" +
           std::to_string(config.shards);
}

write_service::write_service(write_service_config config, telemetry::metrics& metrics)
    : config_(std::move(config)), metrics_(metrics) {
    config_.shards = std::clamp(config_.shards, 1, config_.kafka.partitions);
    for (int i = 0; i < config_.shards; ++i) {
        shards_.push_back(std::make_unique<shard>(i, config_, metrics_, directory_));
    }
}

write_service::~write_service() {
    stop();
}

void write_service::start() {
    for (auto& s : shards_) {
        s->start();
    }
}

bool write_service::ready() const noexcept {
    return std::ranges::all_of(shards_, [](const auto& s) { return s->ready(); });
}

void write_service::submit(write_request request, std::function<void(write_outcome)> done) {
    const auto partition =
        eventlog::partition_for_key(request.context.tenant.str(), config_.kafka.partitions);
    shards_[static_cast<std::size_t>(partition % config_.shards)]->submit(std::move(request),
                                                                          std::move(done));
}

void write_service::stop() {
    for (auto& s : shards_) {
        s->stop();
    }
}

} // namespace ventros::commands
