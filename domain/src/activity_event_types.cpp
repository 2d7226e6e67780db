#include "activity_event_types.hpp"

#include "ventros/domain/activity_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `activity_event` order.
constexpr std::array<detail::event_names, 4> names{{
    {"created", "ventros.crm.activity.created.v1", "crm/activity.created.v1.json"},
    {"updated", "ventros.crm.activity.updated.v1", "crm/activity.updated.v1.json"},
    {"completed", "ventros.crm.activity.completed.v1", "crm/activity.completed.v1.json"},
    {"reopened", "ventros.crm.activity.reopened.v1", "crm/activity.reopened.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<activity_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_activity_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.activity.", names,
                                      current_activity_event_version);
}

std::string_view event_type(const activity_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const activity_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_activity_event_type(std::string_view type) noexcept {
    return detail::parse_activity_event_type(type).has_value();
}

} // namespace ventros::domain
