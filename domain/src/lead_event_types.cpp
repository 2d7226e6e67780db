#include "lead_event_types.hpp"

#include "ventros/domain/lead_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `lead_event` order.
constexpr std::array<detail::event_names, 8> names{{
    {"created", "ventros.crm.lead.created.v1", "crm/lead.created.v1.json"},
    {"updated", "ventros.crm.lead.updated.v1", "crm/lead.updated.v1.json"},
    {"stage_changed", "ventros.crm.lead.stage_changed.v1", "crm/lead.stage_changed.v1.json"},
    {"scored", "ventros.crm.lead.scored.v1", "crm/lead.scored.v1.json"},
    {"qualified", "ventros.crm.lead.qualified.v1", "crm/lead.qualified.v1.json"},
    {"assigned", "ventros.crm.lead.assigned.v1", "crm/lead.assigned.v1.json"},
    {"lost", "ventros.crm.lead.lost.v1", "crm/lead.lost.v1.json"},
    {"converted", "ventros.crm.lead.converted.v1", "crm/lead.converted.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<lead_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_lead_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.lead.", names, current_lead_event_version);
}

std::string_view event_type(const lead_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const lead_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_lead_event_type(std::string_view type) noexcept {
    return detail::parse_lead_event_type(type).has_value();
}

} // namespace ventros::domain
