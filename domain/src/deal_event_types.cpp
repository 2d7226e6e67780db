#include "deal_event_types.hpp"

#include "ventros/domain/deal_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `deal_event` order.
constexpr std::array<detail::event_names, 6> names{{
    {"created", "ventros.crm.deal.created.v1", "crm/deal.created.v1.json"},
    {"updated", "ventros.crm.deal.updated.v1", "crm/deal.updated.v1.json"},
    {"stage_moved", "ventros.crm.deal.stage_moved.v1", "crm/deal.stage_moved.v1.json"},
    {"won", "ventros.crm.deal.won.v1", "crm/deal.won.v1.json"},
    {"lost", "ventros.crm.deal.lost.v1", "crm/deal.lost.v1.json"},
    {"reopened", "ventros.crm.deal.reopened.v1", "crm/deal.reopened.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<deal_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_deal_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.deal.", names, current_deal_event_version);
}

std::string_view event_type(const deal_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const deal_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_deal_event_type(std::string_view type) noexcept {
    return detail::parse_deal_event_type(type).has_value();
}

} // namespace ventros::domain
