#include "ventros/eventlog/partitioner.hpp"

namespace ventros::eventlog {

// Mirrors org.apache.kafka.common.utils.Utils.murmur2 bit for bit (including its
// little-endian 4-byte reads and the tail switch), so Java clients agree on placement.
std::uint32_t murmur2(std::string_view key) noexcept {
    constexpr std::uint32_t seed = 0x9747b28c;
    constexpr std::uint32_t m = 0x5bd1e995;
    constexpr int r = 24;

    const auto length = static_cast<std::uint32_t>(key.size());
    const auto byte_at = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(key[i]));
    };
    std::uint32_t h = seed ^ length;
    const std::size_t blocks = key.size() / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t at = i * 4;
        std::uint32_t k = byte_at(at) | (byte_at(at + 1) << 8) | (byte_at(at + 2) << 16) |
                          (byte_at(at + 3) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::size_t tail = blocks * 4;
    switch (key.size() % 4) {
    case 3:
        h ^= byte_at(tail + 2) << 16;
        [[fallthrough]];
    case 2:
        h ^= byte_at(tail + 1) << 8;
        [[fallthrough]];
    case 1:
        h ^= byte_at(tail);
        h *= m;
        break;
    default:
        break;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return h;
}

std::int32_t partition_for_key(std::string_view key, std::int32_t partitions) noexcept {
    const auto positive = murmur2(key) & 0x7fffffffU;
    return static_cast<std::int32_t>(positive % static_cast<std::uint32_t>(partitions));
}

} // namespace ventros::eventlog
