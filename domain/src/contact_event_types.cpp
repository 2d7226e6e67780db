#include "contact_event_types.hpp"

#include "ventros/domain/contact_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `contact_event` order.
constexpr std::array<detail::event_names, 6> names{{
    {"created", "ventros.crm.contact.created.v1", "crm/contact.created.v1.json"},
    {"updated", "ventros.crm.contact.updated.v1", "crm/contact.updated.v1.json"},
    {"linked", "ventros.crm.contact.linked.v1", "crm/contact.linked.v1.json"},
    {"unlinked", "ventros.crm.contact.unlinked.v1", "crm/contact.unlinked.v1.json"},
    {"merged", "ventros.crm.contact.merged.v1", "crm/contact.merged.v1.json"},
    {"absorbed", "ventros.crm.contact.absorbed.v1", "crm/contact.absorbed.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<contact_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_contact_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.contact.", names,
                                      current_contact_event_version);
}

std::string_view event_type(const contact_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const contact_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_contact_event_type(std::string_view type) noexcept {
    return detail::parse_contact_event_type(type).has_value();
}

} // namespace ventros::domain
