#include "contact_event_types.hpp"
#include "decode_versioned.hpp"
#include "ventros/domain/contact_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;
using detail::read_optional_id;

// Every contact event is still at v1: there is nothing to upcast yet.

/// Exactly one of `lead_id` and `deal_id`.
contact_link read_link(json_reader& in) {
    auto lead = read_optional_id<lead_id>(in, "lead_id");
    auto deal = read_optional_id<deal_id>(in, "deal_id");
    if (lead.has_value() == deal.has_value()) {
        in.fail("lead_id", "exactly one of lead_id and deal_id is required");
    }
    if (lead) {
        return std::move(*lead);
    }
    return deal.value_or(deal_id{});
}

contact_event read_created(json_reader& in) {
    return contact_created{
        .id = contact_id{in.text("contact_id")},
        .name = in.text("name"),
        .email = in.optional_text("email"),
        .phone = in.optional_text("phone"),
        .position = in.optional_text("position"),
        .company = read_optional_id<company_id>(in, "company_id"),
    };
}

contact_event read_updated(json_reader& in) {
    contact_updated e{
        .id = contact_id{in.text("contact_id")},
        .name = in.optional_text("name"),
        .email = in.patch_text("email"),
        .phone = in.patch_text("phone"),
        .position = in.patch_text("position"),
        .company = in.patch_text("company_id").transform([](std::optional<std::string> id) {
            return id.transform([](std::string text) { return company_id{std::move(text)}; });
        }),
    };
    if (e.name && e.name->empty()) {
        in.fail("name", "must not be empty");
    }
    if (e.company && *e.company && (*e.company)->empty()) {
        in.fail("company_id", "must not be empty");
    }
    return e;
}

contact_event read_linked(json_reader& in) {
    return contact_linked{.id = contact_id{in.text("contact_id")}, .link = read_link(in)};
}

contact_event read_unlinked(json_reader& in) {
    return contact_unlinked{.id = contact_id{in.text("contact_id")}, .link = read_link(in)};
}

contact_event read_merged(json_reader& in) {
    return contact_merged{.id = contact_id{in.text("contact_id")},
                          .into = contact_id{in.text("merged_into")}};
}

contact_event read_absorbed(json_reader& in) {
    return contact_absorbed{
        .id = contact_id{in.text("contact_id")},
        .absorbed = contact_id{in.text("absorbed_id")},
        .email = in.optional_text("email"),
        .phone = in.optional_text("phone"),
        .position = in.optional_text("position"),
        .company = read_optional_id<company_id>(in, "company_id"),
        .links = in.object_list("links", read_link),
    };
}

// In `contact_event` order, like the type table.
constexpr std::array<contact_event (*)(json_reader&), 6> readers{
    read_created, read_updated, read_linked, read_unlinked, read_merged, read_absorbed,
};

} // namespace

std::expected<contact_event, std::string> decode_contact_event(std::string_view type,
                                                               std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_contact_event_type, readers);
}

} // namespace ventros::domain
