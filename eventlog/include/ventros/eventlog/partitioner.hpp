#pragma once

#include <cstdint>
#include <string_view>

namespace ventros::eventlog {

/// Kafka's Java murmur2 hash of the key bytes (seed 0x9747b28c).
std::uint32_t murmur2(std::string_view key) noexcept;

/// The partition the Java client (and librdkafka's `murmur2_random`) picks for a
/// non-empty key: `(murmur2(key) & 0x7fffffff) % partitions`.
std::int32_t partition_for_key(std::string_view key, std::int32_t partitions) noexcept;

} // namespace ventros::eventlog
