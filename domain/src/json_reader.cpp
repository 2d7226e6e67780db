#include "json_reader.hpp"

#include <algorithm>
#include <limits>

namespace ventros::domain::detail {
namespace {

const nlohmann::json& empty_object() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

std::optional<std::vector<std::string>> as_text_list(const nlohmann::json& value) {
    if (!value.is_array()) {
        return std::nullopt;
    }
    std::vector<std::string> list;
    list.reserve(value.size());
    for (const auto& item : value) {
        if (!item.is_string()) {
            return std::nullopt;
        }
        list.push_back(item.get<std::string>());
    }
    return list;
}

std::optional<custom_fields> as_text_map(const nlohmann::json& value) {
    if (!value.is_object()) {
        return std::nullopt;
    }
    custom_fields map;
    for (const auto& [key, item] : value.items()) {
        if (!item.is_string()) {
            return std::nullopt;
        }
        map.emplace(key, item.get<std::string>());
    }
    return map;
}

} // namespace

json_reader::json_reader(const nlohmann::json& object, std::string where)
    : object_(object.is_object() ? object : empty_object()), where_(std::move(where)) {}

void json_reader::fail(std::string_view key, std::string_view problem) {
    if (!error_) {
        error_ = where_ + std::string(key) + " " + std::string(problem);
    }
}

const nlohmann::json* json_reader::member(std::string_view key) {
    seen_.push_back(key);
    const auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
}

std::string json_reader::text(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required");
        return {};
    }
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
        fail(key, "must be a non-empty string");
        return {};
    }
    return value->get<std::string>();
}

std::optional<std::string> json_reader::optional_text(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        fail(key, "must be a string");
        return std::nullopt;
    }
    return value->get<std::string>();
}

field_patch<std::string> json_reader::patch_text(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_null()) {
        return std::optional<std::string>{};
    }
    if (!value->is_string()) {
        fail(key, "must be a string or null");
        return std::nullopt;
    }
    return std::optional<std::string>{value->get<std::string>()};
}

std::optional<std::int64_t> json_reader::bounded_integer(std::string_view key, std::int64_t max,
                                                         std::string_view expected) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_number_unsigned() && value->get<std::uint64_t>() <= std::uint64_t(max)) {
        return static_cast<std::int64_t>(value->get<std::uint64_t>());
    }
    if (value->is_number_integer() && value->get<std::int64_t>() >= 0 &&
        value->get<std::int64_t>() <= max) {
        return value->get<std::int64_t>();
    }
    fail(key, expected);
    return std::int64_t{0};
}

int json_reader::count(std::string_view key) {
    const auto value = optional_count(key);
    if (!value) {
        fail(key, "is required");
    }
    return value.value_or(0);
}

std::optional<int> json_reader::optional_count(std::string_view key) {
    return bounded_integer(key, std::numeric_limits<int>::max(),
                           "must be an integer from 0 to 2147483647")
        .transform([](std::int64_t value) { return static_cast<int>(value); });
}

std::int64_t json_reader::large_count(std::string_view key) {
    const auto value = optional_large_count(key);
    if (!value) {
        fail(key, "is required");
    }
    return value.value_or(0);
}

std::optional<std::int64_t> json_reader::optional_large_count(std::string_view key) {
    return bounded_integer(key, std::numeric_limits<std::int64_t>::max(),
                           "must be an integer from 0 to 9223372036854775807");
}

std::int64_t json_reader::signed_amount(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required");
        return 0;
    }
    if (value->is_number_integer() && !value->is_number_unsigned()) {
        return value->get<std::int64_t>();
    }
    if (value->is_number_unsigned() &&
        value->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(value->get<std::uint64_t>());
    }
    fail(key, "must be an integer from -9223372036854775808 to 9223372036854775807");
    return 0;
}

std::optional<std::uint32_t> json_reader::nullable_limit(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required (null for no limit)");
        return std::nullopt;
    }
    if (value->is_null()) {
        return std::nullopt;
    }
    constexpr std::int64_t max = std::numeric_limits<std::uint32_t>::max();
    if (value->is_number_unsigned() && value->get<std::uint64_t>() <= std::uint64_t(max)) {
        return static_cast<std::uint32_t>(value->get<std::uint64_t>());
    }
    if (value->is_number_integer() && value->get<std::int64_t>() >= 0 &&
        value->get<std::int64_t>() <= max) {
        return static_cast<std::uint32_t>(value->get<std::int64_t>());
    }
    fail(key, "must be null or an integer from 0 to 4294967295");
    return std::nullopt;
}

bool json_reader::flag(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required");
        return false;
    }
    if (!value->is_boolean()) {
        fail(key, "must be true or false");
        return false;
    }
    return value->get<bool>();
}

std::optional<bool> json_reader::optional_flag(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        fail(key, "must be true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

std::vector<std::string> json_reader::text_list(std::string_view key) {
    if (member(key) == nullptr) {
        fail(key, "is required");
        return {};
    }
    return optional_text_list(key).value_or(std::vector<std::string>{});
}

std::optional<std::vector<std::string>> json_reader::optional_text_list(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    auto list = as_text_list(*value);
    if (!list) {
        fail(key, "must be an array of strings");
    }
    return list;
}

custom_fields json_reader::text_map(std::string_view key) {
    if (member(key) == nullptr) {
        fail(key, "is required");
        return {};
    }
    return optional_text_map(key).value_or(custom_fields{});
}

std::optional<custom_fields> json_reader::optional_text_map(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    auto map = as_text_map(*value);
    if (!map) {
        fail(key, "must be an object of strings");
    }
    return map;
}

json_reader json_reader::object(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required");
    } else if (!value->is_object()) {
        fail(key, "must be an object");
    }
    return json_reader{value != nullptr ? *value : empty_object(), where_ + std::string(key) + "."};
}

std::optional<json_reader> json_reader::optional_object(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_object()) {
        fail(key, "must be an object");
    }
    return json_reader{value->is_object() ? *value : empty_object(),
                       where_ + std::string(key) + "."};
}

std::vector<json_reader> json_reader::objects(std::string_view key) {
    const auto* value = member(key);
    if (value == nullptr) {
        fail(key, "is required");
        return {};
    }
    if (!value->is_array() ||
        !std::ranges::all_of(*value, [](const nlohmann::json& item) { return item.is_object(); })) {
        fail(key, "must be an array of objects");
        return {};
    }
    std::vector<json_reader> items;
    items.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
        items.emplace_back((*value)[i], where_ + std::string(key) + "[" + std::to_string(i) + "].");
    }
    return items;
}

void json_reader::absorb(json_reader& nested) {
    if (auto problem = nested.finish(); problem && !error_) {
        error_ = std::move(problem);
    }
}

std::optional<std::string> json_reader::finish() {
    for (const auto& [key, value] : object_.items()) {
        if (std::ranges::find(seen_, key) == seen_.end()) {
            fail(key, "is not a known field");
            break;
        }
    }
    return error_;
}

} // namespace ventros::domain::detail
