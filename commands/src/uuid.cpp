#include "ventros/commands/uuid.hpp"

#include <chrono>
#include <cstdint>
#include <random>

namespace ventros::commands {
namespace {

/// Per-thread generator state: a random engine and the last timestamp/counter, so ids
/// from one thread are strictly increasing even within the same millisecond.
struct uuid_state {
    std::mt19937_64 engine{std::random_device{}()};
    std::uint64_t last_ms = 0;
    std::uint16_t counter = 0; ///< 12-bit sequence in rand_a (RFC 9562 method 1)
};

thread_local uuid_state state;

constexpr std::size_t uuid_text_length = 36;

bool is_dash_position(std::size_t i) noexcept {
    return i == 8 || i == 13 || i == 18 || i == 23;
}

int lower_hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

} // namespace

std::string new_uuid_v7() {
    auto now_ms =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    if (now_ms <= state.last_ms) {
        // Same millisecond (or the clock stepped back): bump the sequence; on overflow
        // borrow the next millisecond so ordering holds.
        if (++state.counter > 0x0fff) {
            state.counter = 0;
            ++state.last_ms;
        }
        now_ms = state.last_ms;
    } else {
        state.last_ms = now_ms;
        state.counter = static_cast<std::uint16_t>(state.engine() & 0x07ff);
    }
    const std::uint64_t rand_b = state.engine();

    uuid_bytes bytes{};
    for (int i = 0; i < 6; ++i) {
        bytes[i] = static_cast<std::uint8_t>(now_ms >> (8 * (5 - i)));
    }
    bytes[6] = static_cast<std::uint8_t>(0x70 | ((state.counter >> 8) & 0x0f));
    bytes[7] = static_cast<std::uint8_t>(state.counter & 0xff);
    for (int i = 0; i < 8; ++i) {
        bytes[8 + i] = static_cast<std::uint8_t>(rand_b >> (8 * i));
    }
    bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f));
    return format_uuid(bytes);
}

std::string format_uuid(const uuid_bytes& bytes) {
    std::string text;
    text.reserve(uuid_text_length);
    std::size_t nibble = 0;
    for (std::size_t i = 0; i < uuid_text_length; ++i) {
        if (is_dash_position(i)) {
            text.push_back('-');
            continue;
        }
        const auto byte = bytes[nibble / 2];
        text.push_back("0123456789abcdef"[(nibble % 2 == 0 ? byte >> 4 : byte) & 0xf]);
        ++nibble;
    }
    return text;
}

std::optional<uuid_bytes> parse_lower_uuid(std::string_view text) noexcept {
    if (text.size() != uuid_text_length) {
        return std::nullopt;
    }
    uuid_bytes bytes{};
    std::size_t nibble = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_dash_position(i)) {
            if (text[i] != '-') {
                return std::nullopt;
            }
            continue;
        }
        const int v = lower_hex_value(text[i]);
        if (v < 0) {
            return std::nullopt;
        }
        bytes[nibble / 2] = static_cast<std::uint8_t>(bytes[nibble / 2] << 4 | v);
        ++nibble;
    }
    return bytes;
}

} // namespace ventros::commands
