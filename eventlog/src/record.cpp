#include "ventros/eventlog/record.hpp"

#include <algorithm>

namespace ventros::eventlog {

std::optional<std::string_view> find_header(const headers& hs, std::string_view key) noexcept {
    const auto it = std::ranges::find(hs, key, &header::key);
    if (it == hs.end()) {
        return std::nullopt;
    }
    return std::string_view{it->value};
}

} // namespace ventros::eventlog
