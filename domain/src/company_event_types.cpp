#include "company_event_types.hpp"

#include "ventros/domain/company_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `company_event` order.
constexpr std::array<detail::event_names, 2> names{{
    {"created", "ventros.crm.company.created.v1", "crm/company.created.v1.json"},
    {"updated", "ventros.crm.company.updated.v1", "crm/company.updated.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<company_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_company_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.company.", names,
                                      current_company_event_version);
}

std::string_view event_type(const company_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const company_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_company_event_type(std::string_view type) noexcept {
    return detail::parse_company_event_type(type).has_value();
}

} // namespace ventros::domain
