#include "ventros/domain/lead.hpp"

namespace ventros::domain {

const lead_id& subject_of(const lead_event& e) noexcept {
    return std::visit([](const auto& event) -> const lead_id& { return event.id; }, e);
}

const lead_id& subject_of(const lead_command& c) noexcept {
    return std::visit([](const auto& command) -> const lead_id& { return command.id; }, c);
}

} // namespace ventros::domain
