#pragma once

#include "ventros/domain/lead.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ventros::domain::detail {

/// Reads the members of one JSON object strictly, never throwing: each accessor checks
/// presence and type, and the first problem is kept as a human-readable reason (later
/// accessors then return defaults). `finish()` also refuses members nobody asked for,
/// matching the schemas' `additionalProperties: false`. Member names are the callers'
/// string literals: the reader keeps views of them.
class json_reader {
public:
    /// `where` prefixes member names in reasons, e.g. "answers." for a nested object.
    json_reader(const nlohmann::json& object, std::string where);

    /// Required non-empty string.
    std::string text(std::string_view key);
    /// Optional string (any content, empty allowed); null is refused.
    std::optional<std::string> optional_text(std::string_view key);
    /// Absent, null (cleared) or a string.
    field_patch<std::string> patch_text(std::string_view key);
    /// Required integer within [0, INT_MAX].
    int count(std::string_view key);
    /// Optional integer within [0, INT_MAX]; null is refused.
    std::optional<int> optional_count(std::string_view key);
    /// Required integer within [0, INT64_MAX] (e.g. an amount in cents).
    std::int64_t large_count(std::string_view key);
    /// Optional integer within [0, INT64_MAX]; null is refused.
    std::optional<std::int64_t> optional_large_count(std::string_view key);
    /// Required integer of either sign within int64 (e.g. a credit or a charge in cents).
    std::int64_t signed_amount(std::string_view key);
    /// Required member: null (nullopt: no limit) or an integer within [0, UINT32_MAX].
    std::optional<std::uint32_t> nullable_limit(std::string_view key);
    /// Required boolean.
    bool flag(std::string_view key);
    /// Optional boolean; null is refused.
    std::optional<bool> optional_flag(std::string_view key);
    std::vector<std::string> text_list(std::string_view key);
    std::optional<std::vector<std::string>> optional_text_list(std::string_view key);
    custom_fields text_map(std::string_view key);
    std::optional<custom_fields> optional_text_map(std::string_view key);

    /// Required code of an enum, read with `parse` (e.g. `parse_lead_stage`).
    template <class Parse>
    auto code(std::string_view key, Parse parse) {
        using value_type = typename decltype(parse(key))::value_type;
        const auto value = parse(text(key));
        if (!value) {
            fail(key, "has an unknown value");
        }
        return value.value_or(value_type{});
    }

    /// Optional code of an enum; present but unknown is a problem.
    template <class Parse>
    auto optional_code(std::string_view key, Parse parse) -> decltype(parse(key)) {
        const auto raw = optional_text(key);
        if (!raw) {
            return std::nullopt;
        }
        const auto value = parse(*raw);
        if (!value) {
            fail(key, "has an unknown value");
        }
        return value;
    }

    /// A nested object member; absent or not an object reads as empty after failing.
    json_reader object(std::string_view key);
    /// An optional nested object member: nullopt when absent; null or not an object fails.
    std::optional<json_reader> optional_object(std::string_view key);

    /// Required array of objects, each read with `read(json_reader&)` and absorbed; the
    /// items' reasons name them as `key[i].member`.
    template <class Read>
    auto object_list(std::string_view key, Read read) {
        std::vector<std::invoke_result_t<Read&, json_reader&>> list;
        for (auto& item : objects(key)) {
            list.push_back(read(item));
            absorb(item);
        }
        return list;
    }

    /// Records a rule the caller checks itself (e.g. a value outside the allowed set).
    void fail(std::string_view key, std::string_view problem);

    /// Finishes a nested reader and keeps its first problem, unknown members included.
    void absorb(json_reader& nested);

    /// Checks for unknown members; the first problem found, if any.
    std::optional<std::string> finish();

private:
    const nlohmann::json* member(std::string_view key);
    /// One reader per item of a required array of objects; none after failing.
    std::vector<json_reader> objects(std::string_view key);
    /// An optional integer member within [0, max]; `expected` names the range in reasons.
    std::optional<std::int64_t> bounded_integer(std::string_view key, std::int64_t max,
                                                std::string_view expected);

    const nlohmann::json& object_;
    std::string where_;
    std::vector<std::string_view> seen_; ///< a handful of names: a list beats a set
    std::optional<std::string> error_;
};

/// An optional id: absent, or a non-empty string.
template <class Id>
std::optional<Id> read_optional_id(json_reader& in, std::string_view key) {
    auto text = in.optional_text(key);
    if (!text) {
        return std::nullopt;
    }
    if (text->empty()) {
        in.fail(key, "must not be empty");
    }
    return Id{std::move(*text)};
}

} // namespace ventros::domain::detail
