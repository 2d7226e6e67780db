#pragma once

#include "event_body_reader.hpp"
#include "json_reader.hpp"
#include "versioned_event_type.hpp"

#include <array>
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ventros::domain::detail {

/// Decodes the body of an event of CloudEvents `type`: `parse_type` (e.g.
/// `parse_deal_event_type`) names the variant alternative, and its reader in `readers`
/// (one per alternative, in variant order) reads the body as `read_event_body` does. The
/// reason names an unknown type or the body's first problem. While every event of the
/// aggregate is at v1 there is nothing to upcast; a v2 maps older bodies to the current
/// shape before they are read, like lead_decode.cpp.
template <class Event, std::size_t N>
std::expected<Event, std::string>
decode_versioned(std::string_view type, std::string_view json_text,
                 std::optional<versioned_event_type> (*parse_type)(std::string_view) noexcept,
                 const std::array<Event (*)(json_reader&), N>& readers) {
    static_assert(N == std::variant_size_v<Event>, "one reader per event alternative");
    const auto parsed_type = parse_type(type);
    if (!parsed_type) {
        return std::unexpected("unknown event type '" + std::string(type) + "'");
    }
    return read_event_body(json_text, readers[parsed_type->index]);
}

} // namespace ventros::domain::detail
