#pragma once

#include <cstdint>
#include <map>
#include <pqxx/transaction_base>
#include <string>
#include <utility>
#include <vector>

namespace ventros::projections {

/// (topic, partition) → next offset to apply.
using positions = std::map<std::pair<std::string, std::int32_t>, std::int64_t>;

/// The NOTIFY channel carrying `{"projection","topic","positions":{"<partition>":next}}`.
inline constexpr const char* checkpoint_channel = "ventros_checkpoints";

/// A projection's checkpoints on the given topics (absent partitions: start at 0).
positions read_checkpoints(pqxx::transaction_base& tx, const std::string& projection,
                           const std::vector<std::string>& topics);

/// Upserts the checkpoints (never moving one backwards) and queues one NOTIFY per topic,
/// delivered when `tx` commits.
void save_checkpoints(pqxx::transaction_base& tx, const std::string& projection,
                      const positions& next);

/// Serializes the advisory lock key of a projection: live batches take it shared,
/// rebuild takes it exclusive to swap tables.
std::string projection_lock_key(const std::string& projection);

} // namespace ventros::projections
