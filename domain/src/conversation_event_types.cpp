#include "conversation_event_types.hpp"

#include "ventros/domain/conversation_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `conversation_event` order.
constexpr std::array<detail::event_names, 7> names{{
    {"started", "ventros.crm.conversation.started.v1", "crm/conversation.started.v1.json"},
    {"message_received", "ventros.crm.conversation.message_received.v1",
     "crm/conversation.message_received.v1.json"},
    {"message_sent", "ventros.crm.conversation.message_sent.v1",
     "crm/conversation.message_sent.v1.json"},
    {"handed_off", "ventros.crm.conversation.handed_off.v1", "crm/conversation.handed_off.v1.json"},
    {"marked_pending", "ventros.crm.conversation.marked_pending.v1",
     "crm/conversation.marked_pending.v1.json"},
    {"resolved", "ventros.crm.conversation.resolved.v1", "crm/conversation.resolved.v1.json"},
    {"reopened", "ventros.crm.conversation.reopened.v1", "crm/conversation.reopened.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<conversation_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_conversation_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.conversation.", names,
                                      current_conversation_event_version);
}

std::string_view event_type(const conversation_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const conversation_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_conversation_event_type(std::string_view type) noexcept {
    return detail::parse_conversation_event_type(type).has_value();
}

} // namespace ventros::domain
