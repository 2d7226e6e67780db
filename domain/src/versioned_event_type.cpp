#include "versioned_event_type.hpp"

#include <charconv>

namespace ventros::domain::detail {

std::optional<versioned_event_type> parse_versioned_event_type(std::string_view type,
                                                               std::string_view prefix,
                                                               std::span<const event_names> names,
                                                               int current) noexcept {
    if (!type.starts_with(prefix)) {
        return std::nullopt;
    }
    type.remove_prefix(prefix.size());
    const auto dot_v = type.rfind(".v");
    if (dot_v == std::string_view::npos) {
        return std::nullopt;
    }
    const auto name = type.substr(0, dot_v);
    const auto digits = type.substr(dot_v + 2);
    if (digits.starts_with('0')) {
        return std::nullopt;
    }
    int version = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (error != std::errc{} || end != digits.data() + digits.size() || version < 1 ||
        version > current) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].name == name) {
            return versioned_event_type{.index = i, .version = version};
        }
    }
    return std::nullopt;
}

} // namespace ventros::domain::detail
