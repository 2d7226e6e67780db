#include "compact_id.hpp"

#include "ventros/commands/uuid.hpp"

#include <cstdint>
#include <cstring>

namespace ventros::commands {

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
    return text_ ? *text_ : format_uuid(bytes_);
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
