#include "lead_event_types.hpp"

#include "ventros/domain/lead_codec.hpp"

#include <array>
#include <charconv>

namespace ventros::domain {
namespace {

constexpr std::string_view type_prefix = "ventros.crm.lead.";

// In `lead_event` order; the type, schema and the name inside both come from one row.
struct event_names {
    std::string_view name;
    std::string_view type;
    std::string_view schema;
};

constexpr std::array<event_names, 8> names{{
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

std::optional<detail::lead_event_type>
detail::parse_lead_event_type(std::string_view type) noexcept {
    if (!type.starts_with(type_prefix)) {
        return std::nullopt;
    }
    type.remove_prefix(type_prefix.size());
    const auto dot_v = type.rfind(".v");
    if (dot_v == std::string_view::npos) {
        return std::nullopt;
    }
    const auto name = type.substr(0, dot_v);
    const auto digits = type.substr(dot_v + 2);
    if (digits.starts_with('0')) {
        return std::nullopt;
    }
    int version = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (error != std::errc{} || end != digits.data() + digits.size() || version < 1 ||
        version > current_lead_event_version) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].name == name) {
            return lead_event_type{.index = i, .version = version};
        }
    }
    return std::nullopt;
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
