#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::domain::detail {

/// Writers of optional members for event encoders: the text of a value is the string
/// itself, an id's text, or (for enums) what `to_string` gives.
inline std::string text_of(const std::string& text) {
    return text;
}

template <class Tag>
std::string text_of(const named_id<Tag>& id) {
    return id.str();
}

template <class Enum>
requires std::is_enum_v<Enum> std::string text_of(Enum value) {
    return std::string(to_string(value));
}

/// An optional member: omitted when absent, so a body only names what it carries.
template <class Value>
void put(nlohmann::json& body, std::string_view key, const std::optional<Value>& value) {
    if (value) {
        body[key] = text_of(*value);
    }
}

/// A patch: absent = omitted, cleared = null, set = the new text.
template <class Value>
void put_patch(nlohmann::json& body, std::string_view key, const field_patch<Value>& patch) {
    if (patch) {
        body[key] = patch->has_value() ? nlohmann::json(text_of(**patch)) : nlohmann::json(nullptr);
    }
}

} // namespace ventros::domain::detail
