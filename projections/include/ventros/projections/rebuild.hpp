#pragma once

#include "ventros/eventlog/kafka_config.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ventros::projections {

struct rebuild_progress {
    std::string phase;        ///< "replay", "catch-up", "swapped"
    std::uint64_t events = 0; ///< records read so far
    std::uint64_t target = 0; ///< records up to the end offsets seen at start
    double events_per_second = 0;
    std::optional<double> eta_seconds;
};

struct rebuild_result {
    std::uint64_t events = 0;       ///< records replayed
    std::uint64_t dead_letters = 0; ///< records the projection could not apply
};

/// Blue/green rebuild of one projection: replays its topics from offset 0 into shadow
/// tables `<t>_rebuild` with the projection's bulk load (the shadow tables get their
/// secondary indexes once it is done), then, in one transaction holding
/// the projection's exclusive advisory lock (which pauses the live projector), catches
/// up to the live checkpoints, swaps the tables (index names preserved), drops the old
/// ones and sets the checkpoints to max(live, shadow). Live queries keep working.
/// `progress` is called about once per second from the calling thread.
/// Throws std::invalid_argument for an unknown projection, pqxx or `eventlog::kafka_error`
/// exceptions on infrastructure failures (the live tables are then untouched).
rebuild_result rebuild_projection(const std::string& name, const std::string& conninfo_admin,
                                  const eventlog::kafka_config& kafka,
                                  const std::function<void(const rebuild_progress&)>& progress);

} // namespace ventros::projections
