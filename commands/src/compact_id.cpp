#include "compact_id.hpp"

#include <cstdint>
#include <cstring>
#include <optional>

namespace ventros::commands {
namespace {

constexpr std::size_t uuid_length = 36;

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

/// The 16 bytes of a canonical lower-case UUID; nullopt for any other text.
std::optional<std::array<unsigned char, 16>> parse_lower_uuid(std::string_view text) noexcept {
    if (text.size() != uuid_length) {
        return std::nullopt;
    }
    std::array<unsigned char, 16> bytes{};
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
        bytes[nibble / 2] = static_cast<unsigned char>(bytes[nibble / 2] << 4 | v);
        ++nibble;
    }
    return bytes;
}

} // namespace

compact_id::compact_id(std::string_view text) {
    if (const auto bytes = parse_lower_uuid(text)) {
        bytes_ = *bytes;
    } else {
        text_ = std::make_unique<const std::string>(text);
    }
}

compact_id::compact_id(const compact_id& other)
    : bytes_(other.bytes_),
      text_(other.text_ ? std::make_unique<const std::string>(*other.text_) : nullptr) {}

compact_id& compact_id::operator=(const compact_id& other) {
    if (this != &other) {
        *this = compact_id(other);
    }
    return *this;
}

std::string compact_id::str() const {
    if (text_) {
        return *text_;
    }
    std::string text;
    text.reserve(uuid_length);
    std::size_t nibble = 0;
    for (std::size_t i = 0; i < uuid_length; ++i) {
        if (is_dash_position(i)) {
            text.push_back('-');
            continue;
        }
        const auto v = bytes_[nibble / 2];
        text.push_back("0123456789abcdef"[(nibble % 2 == 0 ? v >> 4 : v) & 0xf]);
        ++nibble;
    }
    return text;
}

bool compact_id::operator==(const compact_id& other) const noexcept {
    if (text_ || other.text_) {
        return text_ && other.text_ && *text_ == *other.text_;
    }
    return bytes_ == other.bytes_;
}

std::size_t compact_id::hash() const noexcept {
    if (text_) {
        return std::hash<std::string>{}(*text_);
    }
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::memcpy(&high, bytes_.data(), sizeof high);
    std::memcpy(&low, bytes_.data() + sizeof high, sizeof low);
    // The containers mix the bits further; UUIDv7's random half keeps this spread.
    return static_cast<std::size_t>(high ^ low);
}

} // namespace ventros::commands
