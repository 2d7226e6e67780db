#pragma once

#include "ventros/commands/lead_command_decoder.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ventros::commands {

/// Reads fields of one JSON object body, collecting every problem instead of stopping at
/// the first, and remembering which keys were read so unknown ones can be refused.
///
/// The readers return nullopt with no error for an absent field (callers mark required
/// ones with `required`). The number, bool, date, UUID and object-array readers refuse
/// null; the string readers say how they treat it.
class json_object_reader {
public:
    /// Parses `body`; an empty body reads as `{}` when `empty_is_object`.
    json_object_reader(std::string_view body, bool empty_is_object = false);

    /// The parse failure, if any (malformed JSON or not an object).
    std::optional<invalid_input> parse_failure() const;

    bool has(std::string_view key) const;

    /// True when the field is present and null.
    bool is_null(std::string_view key) const;

    /// Adds "is required" when the field is absent.
    void required(std::string_view key);

    /// A trimmed string field with its length (in bytes) checked. Absent → nullopt with no
    /// error (callers check required fields); null is an error when `min_length` > 0.
    std::optional<std::string> string_field(std::string_view key, std::size_t min_length,
                                            std::size_t max_length);

    /// A string field that must be given ("is required" when absent); "" when it is absent
    /// or refused.
    std::string required_string_field(std::string_view key, std::size_t min_length,
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

    /// An object of at most `max_items` names (1 to 64 bytes) to integers in [0, 2^32 − 1],
    /// e.g. a product's limits.
    std::optional<std::map<std::string, std::uint32_t>> count_map_field(std::string_view key,
                                                                        std::size_t max_items);

    /// A JSON integer that fits in 64 bits (1.0 and 1e2 are not integers).
    std::optional<std::int64_t> int64_field(std::string_view key);

    /// A JSON integer within [min, max] (by default, any `int`).
    std::optional<int> int_field(std::string_view key, int min = std::numeric_limits<int>::min(),
                                 int max = std::numeric_limits<int>::max());

    std::optional<bool> bool_field(std::string_view key);

    /// A calendar date written exactly "YYYY-MM-DD" (year 0001 or later; 2025-02-30 is not
    /// a date).
    std::optional<std::string> date_field(std::string_view key);

    /// A UUID (any version), returned in lower case.
    std::optional<std::string> uuid_field(std::string_view key);

    /// A field that null clears and that `read(key)` (one of the readers above) sets.
    template <class Read>
    auto nullable_field(std::string_view key, Read read)
        -> domain::field_patch<typename std::invoke_result_t<Read, std::string_view>::value_type> {
        using value = typename std::invoke_result_t<Read, std::string_view>::value_type;
        if (is_null(key)) {
            read_.emplace(key);
            return std::optional<value>{};
        }
        auto read_value = read(key);
        if (!read_value) {
            return std::nullopt;
        }
        return std::optional<value>(std::move(*read_value));
    }

    /// An array of `min_items` to `max_items` objects, each read by `read_item(item_reader)`
    /// with a reader of its own: unknown keys are refused and errors point below the
    /// item ("/stages/2/name"). nullopt when absent or when any item is refused.
    template <class ReadItem>
    auto object_array_field(std::string_view key, std::size_t min_items, std::size_t max_items,
                            ReadItem read_item)
        -> std::optional<
            std::vector<typename std::invoke_result_t<ReadItem, json_object_reader&>::value_type>> {
        auto item_readers = object_items(key, min_items, max_items);
        if (!item_readers) {
            return std::nullopt;
        }
        std::vector<typename std::invoke_result_t<ReadItem, json_object_reader&>::value_type> items;
        bool all_read = true;
        for (auto& item_reader : *item_readers) {
            auto item = read_item(item_reader);
            all_read = adopt_errors(item_reader) && item.has_value() && all_read;
            if (item) {
                items.push_back(std::move(*item));
            }
        }
        if (!all_read) {
            return std::nullopt;
        }
        return items;
    }

    void add_error(std::string_view key, std::string reason);

    /// Refuses keys never read; then returns the collected errors as one invalid_input,
    /// or nullopt when the body was fine.
    std::optional<invalid_input> finish();

    /// True when the object had no keys at all.
    bool empty() const;

private:
    /// A reader of one object nested at `pointer` (a JSON pointer) in another body.
    json_object_reader(nlohmann::json object, std::string pointer);

    const nlohmann::json* field(std::string_view key);
    /// The field if present and not null; null is reported as an error.
    const nlohmann::json* non_null_field(std::string_view key);
    /// The field if present, not null and accepted by `accept`; otherwise nullptr, with
    /// `reason` as the error when it was present but refused.
    const nlohmann::json* accepted_field(std::string_view key,
                                         bool (*accept)(const nlohmann::json&), std::string reason);
    /// Readers for the items of an array of objects, or nullopt (with the error added).
    std::optional<std::vector<json_object_reader>>
    object_items(std::string_view key, std::size_t min_items, std::size_t max_items);
    /// Moves the errors a nested reader collected into this one; true when it had none.
    bool adopt_errors(json_object_reader& nested);
    nlohmann::json document_;
    std::string pointer_; ///< where this object is in the body ("" for the body itself)
    std::set<std::string, std::less<>> read_;
    invalid_input errors_;
    bool malformed_ = false;
    bool not_object_ = false;
};

/// Decodes a body that must be a JSON object: parses it, lets `read(reader, command)` fill
/// `command` in, then refuses unknown keys. The command, or every problem found.
template <class Command, class Read>
decoded<Command> decode_object(std::string_view body, Command command, Read read,
                               bool empty_is_object = false) {
    json_object_reader reader(body, empty_is_object);
    if (auto failure = reader.parse_failure()) {
        return std::unexpected(std::move(*failure));
    }
    read(reader, command);
    if (auto failure = reader.finish()) {
        return std::unexpected(std::move(*failure));
    }
    return command;
}

/// `decode_object` for a partial update: a body that gives no field at all is refused too
/// ("at least one field must be given").
template <class Command, class Read>
decoded<Command> decode_patch(std::string_view body, Command command, Read read) {
    return decode_object(body, std::move(command),
                         [&read](json_object_reader& reader, Command& patch) {
                             read(reader, patch);
                             if (reader.empty()) {
                                 reader.add_error("", "at least one field must be given");
                             }
                         });
}

/// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view text) noexcept;

} // namespace ventros::commands
