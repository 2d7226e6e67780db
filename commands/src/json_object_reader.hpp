#pragma once

#include "ventros/commands/lead_command_decoder.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ventros::commands {

/// Reads fields of one JSON object body, collecting every problem instead of stopping at
/// the first, and remembering which keys were read so unknown ones can be refused.
class json_object_reader {
public:
    /// Parses `body`; an empty body reads as `{}` when `empty_is_object`.
    json_object_reader(std::string_view body, bool empty_is_object = false);

    /// The parse failure, if any (malformed JSON or not an object).
    std::optional<invalid_input> parse_failure() const;

    bool has(std::string_view key) const;

    /// A trimmed string field with its length (in bytes) checked. Absent → nullopt with no
    /// error (callers check required fields); null is an error when `min_length` > 0.
    std::optional<std::string> string_field(std::string_view key, std::size_t min_length,
                                            std::size_t max_length);

    /// A field that may be set to a string or cleared with null.
    domain::field_patch<std::string> nullable_string_field(std::string_view key,
                                                           std::size_t max_length);

    std::optional<std::vector<std::string>>
    string_array_field(std::string_view key, std::size_t max_items, std::size_t max_length);

    std::optional<domain::custom_fields> string_map_field(std::string_view key,
                                                          std::size_t max_items,
                                                          std::size_t max_key_length,
                                                          std::size_t max_value_length);

    void add_error(std::string_view key, std::string reason);

    /// Refuses keys never read; then returns the collected errors as one invalid_input,
    /// or nullopt when the body was fine.
    std::optional<invalid_input> finish();

    /// True when the object had no keys at all.
    bool empty() const;

private:
    const nlohmann::json* field(std::string_view key);
    nlohmann::json document_;
    std::set<std::string, std::less<>> read_;
    invalid_input errors_;
    bool malformed_ = false;
    bool not_object_ = false;
};

/// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view text) noexcept;

} // namespace ventros::commands
