#include "identity_store.hpp"

namespace ventros::commands {

void identity_store::apply(const domain::user_event& event, bool undoable) {
    const auto& email = std::get<domain::user_registered>(event).email;
    const auto* before = users_.find(email);
    users_.put(email, domain::evolve(before ? std::optional(*before) : std::nullopt, event),
               undoable);
}

void identity_store::apply(const domain::project_event& event, bool undoable) {
    const auto& tenant = domain::subject_of(event);
    const auto* before = projects_.find(tenant);
    projects_.put(tenant, domain::evolve(before ? std::optional(*before) : std::nullopt, event),
                  undoable);
}

void identity_store::undo_to(mark_type m) {
    users_.undo_to(m.users);
    projects_.undo_to(m.projects);
}

void identity_store::forget_undo() noexcept {
    users_.forget_undo();
    projects_.forget_undo();
}

} // namespace ventros::commands
