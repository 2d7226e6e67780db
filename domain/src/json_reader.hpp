#pragma once

#include "ventros/domain/lead.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
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

    /// Records a rule the caller checks itself (e.g. a value outside the allowed set).
    void fail(std::string_view key, std::string_view problem);

    /// Finishes a nested reader and keeps its first problem, unknown members included.
    void absorb(json_reader& nested);

    /// Checks for unknown members; the first problem found, if any.
    std::optional<std::string> finish();

private:
    const nlohmann::json* member(std::string_view key);

    const nlohmann::json& object_;
    std::string where_;
    std::vector<std::string_view> seen_; ///< a handful of names: a list beats a set
    std::optional<std::string> error_;
};

} // namespace ventros::domain::detail
