#include "ventros/commands/uuid.hpp"

#include <array>
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

char hex_digit(unsigned v) {
    return "0123456789abcdef"[v & 0xf];
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

    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i) {
        bytes[i] = static_cast<std::uint8_t>(now_ms >> (8 * (5 - i)));
    }
    bytes[6] = static_cast<std::uint8_t>(0x70 | ((state.counter >> 8) & 0x0f));
    bytes[7] = static_cast<std::uint8_t>(state.counter & 0xff);
    for (int i = 0; i < 8; ++i) {
        bytes[8 + i] = static_cast<std::uint8_t>(rand_b >> (8 * i));
    }
    bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f));

    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text.push_back('-');
        }
        text.push_back(hex_digit(bytes[i] >> 4));
        text.push_back(hex_digit(bytes[i]));
    }
    return text;
}

} // namespace ventros::commands
