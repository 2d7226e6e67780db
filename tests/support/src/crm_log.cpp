#include "ventros/fault/crm_log.hpp"

#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/log_reader.hpp"

#include <stdexcept>

namespace ventros::fault {

std::vector<logged_event> read_crm_log(const testing::stack& s, isolation level) {
    eventlog::kafka_config kafka;
    kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
    kafka.topic_prefix = s.prefix();
    if (level == isolation::read_uncommitted) {
        // Applied last, over the readers' read_committed; the ends become high watermarks.
        kafka.extra["isolation.level"] = "read_uncommitted";
    }
    std::vector<eventlog::partition_offset> from;
    const auto partitions = s.end_offsets("crm").size();
    for (std::size_t p = 0; p < partitions; ++p) {
        from.push_back({s.topic("crm"), static_cast<std::int32_t>(p), 0});
    }
    std::vector<logged_event> events;
    eventlog::replay_to_end(
        kafka, from,
        [&](const eventlog::record& r) {
            auto a = eventlog::decode_headers(r.hdrs);
            if (!a) {
                throw std::runtime_error("record " + std::to_string(r.partition) + "@" +
                                         std::to_string(r.offset) + " is no event: " + a.error());
            }
            if (a->actor == testing::stack::owner) {
                return; // the stack opening a project, not the test's traffic
            }
            events.push_back({a->type, a->tenant_id, a->aggregate_id, a->aggregate_version,
                              a->command_id, r.partition, r.offset});
        },
        std::chrono::seconds(60));
    return events;
}

} // namespace ventros::fault
