// Channel instance decisions (DOMAIN.md "Conversations and channels"; issue 5). Checks in
// this order, the first that fails is the answer:
//  1. A viewer → not_permitted; an agent registering or removing → not_permitted.
//  2. register_channel_instance: an id in use → already_exists.
//  3. Every other command on a missing instance → not_found; on a removed one → removed.
//  4. change_channel_status: the status it has → nothing_to_change; a move
//     `is_allowed_move` refuses → invalid_transition.
#include "ventros/domain/channel_instance.hpp"

namespace ventros::domain {
namespace {

std::unexpected<channel_instance_error> refuse(channel_instance_error e) {
    return std::unexpected(e);
}

bool manages_channels(role r) noexcept {
    return r == role::admin || r == role::manager;
}

channel_instance_decision decide_on(const register_channel_instance&,
                                    const channel_instance_state&) {
    return refuse(channel_instance_error::already_exists);
}

channel_instance_decision decide_on(const change_channel_status& c,
                                    const channel_instance_state& s) {
    if (c.status == s.status) {
        return refuse(channel_instance_error::nothing_to_change);
    }
    if (!is_allowed_move(s.status, c.status)) {
        return refuse(channel_instance_error::invalid_transition);
    }
    return std::vector<channel_instance_event>{
        channel_instance_status_changed{.id = c.id, .from = s.status, .to = c.status}};
}

channel_instance_decision decide_on(const remove_channel_instance& c,
                                    const channel_instance_state&) {
    return std::vector<channel_instance_event>{channel_instance_removed{c.id}};
}

} // namespace

channel_instance_decision decide(const channel_instance_command& command,
                                 const std::optional<channel_instance_state>& state,
                                 const command_context& context) {
    const bool reports_status = std::holds_alternative<change_channel_status>(command);
    if (!can_write_crm(context.actor_role) ||
        (!reports_status && !manages_channels(context.actor_role))) {
        return refuse(channel_instance_error::not_permitted);
    }
    if (const auto* add = std::get_if<register_channel_instance>(&command);
        add != nullptr && !state) {
        return std::vector<channel_instance_event>{channel_instance_registered{
            .id = add->id, .kind = add->kind, .name = add->name, .address = add->address}};
    }
    if (!state) {
        return refuse(channel_instance_error::not_found);
    }
    if (state->removed && !std::holds_alternative<register_channel_instance>(command)) {
        return refuse(channel_instance_error::removed);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state); }, command);
}

std::string_view to_string(channel_instance_error e) noexcept {
    switch (e) {
    case channel_instance_error::not_found:
        return "channel-instance-not-found";
    case channel_instance_error::already_exists:
        return "channel-instance-already-exists";
    case channel_instance_error::not_permitted:
        return "not-permitted";
    case channel_instance_error::removed:
        return "channel-instance-removed";
    case channel_instance_error::invalid_transition:
        return "invalid-transition";
    case channel_instance_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

} // namespace ventros::domain
