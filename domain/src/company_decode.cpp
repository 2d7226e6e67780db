#include "company_event_types.hpp"
#include "decode_versioned.hpp"
#include "ventros/domain/company_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every company event is still at v1: there is nothing to upcast yet.

/// A size patch: absent, null (cleared) or a known band.
field_patch<company_size> read_size_patch(json_reader& in) {
    const auto text = in.patch_text("size");
    if (!text) {
        return std::nullopt;
    }
    if (!*text) {
        return std::optional<company_size>{};
    }
    const auto size = parse_company_size(**text);
    if (!size) {
        in.fail("size", "has an unknown value");
    }
    return size;
}

company_event read_created(json_reader& in) {
    return company_created{
        .id = company_id{in.text("company_id")},
        .name = in.text("name"),
        .domain = in.optional_text("domain"),
        .industry = in.optional_text("industry"),
        .size = in.optional_code("size", parse_company_size),
    };
}

company_event read_updated(json_reader& in) {
    company_updated e{
        .id = company_id{in.text("company_id")},
        .name = in.optional_text("name"),
        .domain = in.patch_text("domain"),
        .industry = in.patch_text("industry"),
        .size = read_size_patch(in),
    };
    if (e.name && e.name->empty()) {
        in.fail("name", "must not be empty");
    }
    return e;
}

// In `company_event` order, like the type table.
constexpr std::array<company_event (*)(json_reader&), 2> readers{read_created, read_updated};

} // namespace

std::expected<company_event, std::string> decode_company_event(std::string_view type,
                                                               std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_company_event_type, readers);
}

} // namespace ventros::domain
