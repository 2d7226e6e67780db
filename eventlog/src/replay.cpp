#include "kafka_conf.hpp"
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/log_reader.hpp"

#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace ventros::eventlog {
namespace {

// Records are handed out one by one in reused storage; a poll returns after this many so
// that the end of every partition is checked regularly.
constexpr std::size_t max_records_per_poll = 1024;

} // namespace

// End detection: a partition is done when the reader's position reaches the end offset
// (the last stable offset at call time). Transaction markers and aborted records take
// offsets but are never returned; librdkafka still moves the position past them, so a
// log ending in a marker or an aborted transaction finishes too (the integration test
// pins this). Positions are compared, not the offsets of returned records, for that
// reason. Records appended after the call (offset >= end) are not handed out.
std::vector<partition_offset> replay_to_end(const kafka_config& config,
                                            const std::vector<partition_offset>& from,
                                            const std::function<void(const record&)>& on_record,
                                            std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    log_reader reader{config};

    struct target {
        partition_offset start;
        std::int64_t end = 0;
    };
    std::vector<target> targets;
    targets.reserve(from.size());
    for (const auto& p : from) {
        const auto end = reader.end_offsets(p.topic, {p.partition}, detail::remaining(deadline));
        // The beginning is offset 0: event topics are never truncated by retention.
        const auto start = p.offset == RD_KAFKA_OFFSET_BEGINNING ? 0 : p.offset;
        targets.push_back({{p.topic, p.partition, start}, end.front()});
    }
    std::vector<partition_offset> assignment;
    for (const auto& t : targets) {
        if (t.start.offset < t.end) {
            assignment.push_back(t.start);
        }
    }
    reader.assign(assignment);

    const auto end_of = [&](const record& r) {
        const auto it = std::ranges::find_if(targets, [&](const target& t) {
            return t.start.partition == r.partition && t.start.topic == r.topic;
        });
        return it == targets.end() ? -1 : it->end;
    };
    const auto all_done = [&] {
        return std::ranges::all_of(assignment, [&](const partition_offset& p) {
            const auto it = std::ranges::find_if(targets, [&](const target& t) {
                return t.start.partition == p.partition && t.start.topic == p.topic;
            });
            return reader.current_position(p.topic, p.partition) >= it->end;
        });
    };
    while (!all_done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            throw kafka_error{"replay did not reach the end of the log in time", true, false};
        }
        const auto wait = std::min(detail::remaining(deadline), std::chrono::milliseconds{200});
        reader.poll_each(max_records_per_poll, wait, [&](const record& r) {
            if (r.offset < end_of(r)) {
                on_record(r);
            }
        });
    }

    std::vector<partition_offset> reached;
    reached.reserve(targets.size());
    for (const auto& t : targets) {
        reached.push_back({t.start.topic, t.start.partition, std::max(t.start.offset, t.end)});
    }
    return reached;
}

} // namespace ventros::eventlog
