#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace ventros::domain::detail {

/// A fixed table between an enum's values and their wire names; lookups are linear
/// because every table here has fewer than ten rows.
template <class Enum, std::size_t N>
using name_table = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
constexpr std::string_view name_of(const name_table<Enum, N>& table, Enum value) noexcept {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) {
            return name;
        }
    }
    return {};
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const name_table<Enum, N>& table,
                                       std::string_view name) noexcept {
    for (const auto& [candidate, candidate_name] : table) {
        if (candidate_name == name) {
            return candidate;
        }
    }
    return std::nullopt;
}

} // namespace ventros::domain::detail
