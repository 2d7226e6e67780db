#include "ventros/domain/channel_instance.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {

const channel_instance_id& subject_of(const channel_instance_event& e) noexcept {
    return std::visit([](const auto& event) -> const channel_instance_id& { return event.id; }, e);
}

const channel_instance_id& subject_of(const channel_instance_command& c) noexcept {
    return std::visit([](const auto& command) -> const channel_instance_id& { return command.id; },
                      c);
}

channel_instance_state evolve(const std::optional<channel_instance_state>& state,
                              const channel_instance_event& event) {
    channel_instance_state next = state.value_or(channel_instance_state{});
    std::visit(domain::overloaded{
                   [&](const channel_instance_registered& e) {
                       next = {.id = e.id,
                               .kind = e.kind,
                               .name = e.name,
                               .address = e.address,
                               .status = channel_status::disconnected,
                               .removed = false,
                               .version = 0};
                   },
                   [&](const channel_instance_status_changed& e) { next.status = e.to; },
                   [&](const channel_instance_removed&) { next.removed = true; },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
