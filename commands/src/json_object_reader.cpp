#include "json_object_reader.hpp"

#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <limits>

namespace ventros::commands {
namespace {

/// A key escaped as one JSON pointer token (RFC 6901): '~' → "~0", '/' → "~1".
std::string pointer_token(std::string_view key) {
    std::string token;
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token.push_back(c);
        }
    }
    return token;
}

/// The number in `text[from, from + digits)`, or nullopt when those are not all digits.
std::optional<int> digits_at(std::string_view text, std::size_t from, std::size_t digits) {
    int value = 0;
    const auto* first = text.data() + from;
    const auto* last = first + digits;
    if (std::any_of(first, last,
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) == 0; }) ||
        std::from_chars(first, last, value).ptr != last) {
        return std::nullopt;
    }
    return value;
}

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const auto year = digits_at(text, 0, 4);
    const auto month = digits_at(text, 5, 2);
    const auto day = digits_at(text, 8, 2);
    if (!year || !month || !day || *year < 1) {
        return false;
    }
    return std::chrono::year_month_day(std::chrono::year(*year),
                                       std::chrono::month(static_cast<unsigned>(*month)),
                                       std::chrono::day(static_cast<unsigned>(*day)))
        .ok();
}

} // namespace

std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view spaces = " \t\r\n";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

json_object_reader::json_object_reader(std::string_view body, bool empty_is_object) {
    if (empty_is_object && trim(body).empty()) {
        document_ = nlohmann::json::object();
        return;
    }
    document_ = nlohmann::json::parse(body, nullptr, false);
    if (document_.is_discarded()) {
        malformed_ = true;
    } else if (!document_.is_object()) {
        not_object_ = true;
    }
}

std::optional<invalid_input> json_object_reader::parse_failure() const {
    if (malformed_) {
        return invalid_input{invalid_input::kind::malformed_json, "the body is not valid JSON", {}};
    }
    if (not_object_) {
        return invalid_input{invalid_input::kind::invalid, "the body must be a JSON object", {}};
    }
    return std::nullopt;
}

json_object_reader::json_object_reader(nlohmann::json object, std::string pointer)
    : document_(std::move(object)), pointer_(std::move(pointer)) {}

bool json_object_reader::empty() const {
    return document_.is_object() && document_.empty();
}

bool json_object_reader::has(std::string_view key) const {
    return document_.is_object() && document_.contains(key);
}

bool json_object_reader::is_null(std::string_view key) const {
    return has(key) && document_.find(key)->is_null();
}

const nlohmann::json* json_object_reader::field(std::string_view key) {
    read_.emplace(key);
    if (!has(key)) {
        return nullptr;
    }
    return &*document_.find(key);
}

const nlohmann::json* json_object_reader::non_null_field(std::string_view key) {
    const auto* value = field(key);
    if (value != nullptr && value->is_null()) {
        add_error(key, "must not be null");
        return nullptr;
    }
    return value;
}

void json_object_reader::required(std::string_view key) {
    if (!has(key)) {
        add_error(key, "is required");
    }
}

void json_object_reader::add_error(std::string_view key, std::string reason) {
    errors_.errors.push_back({pointer_ + "/" + pointer_token(key), std::move(reason)});
}

bool json_object_reader::adopt_errors(json_object_reader& nested) {
    const auto failure = nested.finish();
    if (!failure) {
        return true;
    }
    errors_.errors.insert(errors_.errors.end(), failure->errors.begin(), failure->errors.end());
    return false;
}

std::optional<std::string> json_object_reader::string_field(std::string_view key,
                                                            std::size_t min_length,
                                                            std::size_t max_length) {
    const auto* value = field(key);
    if (value == nullptr || value->is_null()) {
        if (min_length > 0 && value != nullptr) {
            add_error(key, "must not be null");
        }
        return std::nullopt;
    }
    if (!value->is_string()) {
        add_error(key, "must be a string");
        return std::nullopt;
    }
    const auto text = trim(value->get_ref<const std::string&>());
    if (text.size() < min_length) {
        add_error(key, "must not be empty");
        return std::nullopt;
    }
    if (text.size() > max_length) {
        add_error(key, "must be at most " + std::to_string(max_length) + " bytes");
        return std::nullopt;
    }
    return std::string(text);
}

std::string json_object_reader::required_string_field(std::string_view key, std::size_t min_length,
                                                      std::size_t max_length) {
    required(key);
    return string_field(key, min_length, max_length).value_or("");
}

domain::field_patch<std::string> json_object_reader::nullable_string_field(std::string_view key,
                                                                           std::size_t max_length) {
    const auto* value = field(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_null()) {
        return std::optional<std::string>{};
    }
    auto text = string_field(key, 0, max_length);
    if (!text) {
        return std::nullopt;
    }
    if (text->empty()) {
        return std::optional<std::string>{}; // an empty string clears, like null
    }
    return text;
}

std::optional<std::vector<std::string>>
json_object_reader::string_array_field(std::string_view key, std::size_t max_items,
                                       std::size_t max_length) {
    const auto* value = field(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_array() || value->size() > max_items) {
        add_error(key, "must be an array of at most " + std::to_string(max_items) + " strings");
        return std::nullopt;
    }
    std::vector<std::string> items;
    for (const auto& item : *value) {
        if (!item.is_string()) {
            add_error(key, "must contain only strings");
            return std::nullopt;
        }
        const auto text = trim(item.get_ref<const std::string&>());
        if (text.empty() || text.size() > max_length) {
            add_error(key, "items must have 1 to " + std::to_string(max_length) + " bytes");
            return std::nullopt;
        }
        items.emplace_back(text);
    }
    return items;
}

std::optional<domain::custom_fields>
json_object_reader::string_map_field(std::string_view key, std::size_t max_items,
                                     std::size_t max_key_length, std::size_t max_value_length) {
    const auto* value = field(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_object() || value->size() > max_items) {
        add_error(key, "must be an object of at most " + std::to_string(max_items) + " strings");
        return std::nullopt;
    }
    domain::custom_fields fields;
    for (const auto& [name, item] : value->items()) {
        if (name.empty() || name.size() > max_key_length || !item.is_string() ||
            item.get_ref<const std::string&>().size() > max_value_length) {
            add_error(key, "keys must have 1 to " + std::to_string(max_key_length) +
                               " bytes and values must be strings of at most " +
                               std::to_string(max_value_length) + " bytes");
            return std::nullopt;
        }
        fields.emplace(name, item.get<std::string>());
    }
    return fields;
}

std::optional<std::map<std::string, std::uint32_t>>
json_object_reader::count_map_field(std::string_view key, std::size_t max_items) {
    const auto* value = non_null_field(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    const auto refuse = [&] {
        add_error(key, "must be an object of at most " + std::to_string(max_items) +
                           " names (1 to 64 bytes) with integers from 0 to 4294967295");
        return std::nullopt;
    };
    if (!value->is_object() || value->size() > max_items) {
        return refuse();
    }
    std::map<std::string, std::uint32_t> counts;
    for (const auto& [name, item] : value->items()) {
        if (name.empty() || name.size() > 64 || !item.is_number_unsigned() ||
            item.get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
            return refuse();
        }
        counts.emplace(name, static_cast<std::uint32_t>(item.get<std::uint64_t>()));
    }
    return counts;
}

const nlohmann::json* json_object_reader::accepted_field(std::string_view key,
                                                         bool (*accept)(const nlohmann::json&),
                                                         std::string reason) {
    const auto* value = non_null_field(key);
    if (value != nullptr && !accept(*value)) {
        add_error(key, std::move(reason));
        return nullptr;
    }
    return value;
}

std::optional<std::int64_t> json_object_reader::int64_field(std::string_view key) {
    const auto* value = accepted_field(
        key,
        [](const nlohmann::json& v) {
            return v.is_number_integer() &&
                   (!v.is_number_unsigned() ||
                    v.get<std::uint64_t>() <=
                        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
        },
        "must be an integer that fits in 64 bits");
    return value ? std::optional(value->get<std::int64_t>()) : std::nullopt;
}

std::optional<int> json_object_reader::int_field(std::string_view key, int min, int max) {
    const auto value = int64_field(key);
    if (value && (*value < min || *value > max)) {
        add_error(key,
                  "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return value.transform([](std::int64_t v) { return static_cast<int>(v); });
}

std::optional<bool> json_object_reader::bool_field(std::string_view key) {
    const auto* value = accepted_field(
        key, [](const nlohmann::json& v) { return v.is_boolean(); }, "must be true or false");
    return value ? std::optional(value->get<bool>()) : std::nullopt;
}

std::optional<std::string> json_object_reader::date_field(std::string_view key) {
    const auto* value = accepted_field(
        key,
        [](const nlohmann::json& v) {
            return v.is_string() && is_calendar_date(v.get_ref<const std::string&>());
        },
        "must be a calendar date written YYYY-MM-DD");
    return value ? std::optional(value->get<std::string>()) : std::nullopt;
}

std::optional<std::string> json_object_reader::uuid_field(std::string_view key) {
    const auto* value = accepted_field(
        key,
        [](const nlohmann::json& v) {
            return v.is_string() && domain::is_uuid(v.get_ref<const std::string&>());
        },
        "must be a UUID");
    if (value == nullptr) {
        return std::nullopt;
    }
    auto text = value->get<std::string>();
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::optional<std::vector<json_object_reader>>
json_object_reader::object_items(std::string_view key, std::size_t min_items,
                                 std::size_t max_items) {
    const auto* value = non_null_field(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_array() || value->size() < min_items || value->size() > max_items ||
        !std::ranges::all_of(*value, [](const nlohmann::json& item) { return item.is_object(); })) {
        add_error(key, "must be an array of " + std::to_string(min_items) + " to " +
                           std::to_string(max_items) + " objects");
        return std::nullopt;
    }
    std::vector<json_object_reader> readers;
    const auto array_pointer = pointer_ + "/" + pointer_token(key);
    for (std::size_t i = 0; i < value->size(); ++i) {
        readers.push_back(json_object_reader((*value)[i], array_pointer + "/" + std::to_string(i)));
    }
    return readers;
}

std::optional<invalid_input> json_object_reader::finish() {
    if (auto failure = parse_failure()) {
        return failure;
    }
    for (const auto& [key, value] : document_.items()) {
        if (!read_.contains(key)) {
            add_error(key, "is not a known field");
        }
    }
    if (errors_.errors.empty()) {
        return std::nullopt;
    }
    errors_.what = invalid_input::kind::invalid;
    errors_.detail = "the request body has invalid fields";
    return errors_;
}

} // namespace ventros::commands
