#pragma once

#include "json_reader.hpp"

#include <expected>
#include <new>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ventros::domain::detail {

/// Parses an event body, reads it with `read` and refuses members `read` did not ask for.
/// The reason says what is wrong (bad JSON, not an object, the reader's first problem).
/// Never throws.
template <class Event>
std::expected<Event, std::string> read_event_body(std::string_view json_text,
                                                  Event (*read)(json_reader&)) {
    using nlohmann::json;
    try {
        const json body = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
        if (body.is_discarded()) {
            return std::unexpected(std::string("body is not valid JSON"));
        }
        if (!body.is_object()) {
            return std::unexpected(std::string("body must be a JSON object"));
        }
        json_reader in{body, ""};
        Event event = read(in);
        if (auto problem = in.finish()) {
            return std::unexpected(std::move(*problem));
        }
        return event;
    } catch (const json::exception& e) {
        // The reader checks every type before reading, so this is a bug made harmless.
        return std::unexpected(std::string("body could not be read: ") + e.what());
    } catch (const std::bad_alloc&) {
        return std::unexpected(std::string("body is too large to read"));
    }
}

} // namespace ventros::domain::detail
