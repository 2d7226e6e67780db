#include "json_object_reader.hpp"

namespace ventros::commands {

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

bool json_object_reader::empty() const {
    return document_.is_object() && document_.empty();
}

bool json_object_reader::has(std::string_view key) const {
    return document_.is_object() && document_.contains(key);
}

const nlohmann::json* json_object_reader::field(std::string_view key) {
    read_.emplace(key);
    if (!has(key)) {
        return nullptr;
    }
    return &*document_.find(key);
}

void json_object_reader::add_error(std::string_view key, std::string reason) {
    errors_.errors.push_back({"/" + std::string(key), std::move(reason)});
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
