#include "channel_instance_event_types.hpp"

#include "ventros/domain/channel_instance_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `channel_instance_event` order.
constexpr std::array<detail::event_names, 3> names{{
    {"registered", "ventros.crm.channel_instance.registered.v1",
     "crm/channel_instance.registered.v1.json"},
    {"status_changed", "ventros.crm.channel_instance.status_changed.v1",
     "crm/channel_instance.status_changed.v1.json"},
    {"removed", "ventros.crm.channel_instance.removed.v1", "crm/channel_instance.removed.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<channel_instance_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_channel_instance_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.channel_instance.", names,
                                      current_channel_instance_event_version);
}

std::string_view event_type(const channel_instance_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const channel_instance_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_channel_instance_event_type(std::string_view type) noexcept {
    return detail::parse_channel_instance_event_type(type).has_value();
}

} // namespace ventros::domain
