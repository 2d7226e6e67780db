#include "ventros/commands/position_token.hpp"

#include <charconv>

namespace ventros::commands {

std::string format_position_token(const eventlog::position& p) {
    return p.topic + ':' + std::to_string(p.partition) + ':' + std::to_string(p.offset);
}

std::optional<eventlog::position> parse_position_token(std::string_view token) {
    const auto last = token.rfind(':');
    if (last == std::string_view::npos || last == 0) {
        return std::nullopt;
    }
    const auto middle = token.rfind(':', last - 1);
    if (middle == std::string_view::npos || middle == 0) {
        return std::nullopt;
    }
    const auto parse = [](std::string_view digits, auto& out) {
        const auto* end = digits.data() + digits.size();
        auto [ptr, ec] = std::from_chars(digits.data(), end, out);
        return !digits.empty() && ec == std::errc{} && ptr == end && out >= 0;
    };
    eventlog::position p;
    p.topic = std::string(token.substr(0, middle));
    if (!parse(token.substr(middle + 1, last - middle - 1), p.partition) ||
        !parse(token.substr(last + 1), p.offset)) {
        return std::nullopt;
    }
    return p;
}

} // namespace ventros::commands
