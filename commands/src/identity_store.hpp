#pragma once

#include "undoable_map.hpp"
#include "ventros/domain/project.hpp"
#include "ventros/domain/user.hpp"

#include <string>

namespace ventros::commands {

/// The writer's users (by normalized email: the key their writer owns) and projects (by
/// tenant id). Changes can be undone back to a mark. Single-threaded.
class identity_store {
public:
    const domain::user_state* user_with_email(const std::string& email) const {
        return users_.find(email);
    }
    const domain::project_state* find_project(const domain::tenant_id& tenant) const {
        return projects_.find(tenant);
    }

    void apply(const domain::user_event& event, bool undoable);
    void apply(const domain::project_event& event, bool undoable);

    struct mark_type {
        std::size_t users = 0;
        std::size_t projects = 0;
    };
    mark_type mark() const noexcept { return {users_.mark(), projects_.mark()}; }
    void undo_to(mark_type m);
    void forget_undo() noexcept;

private:
    undoable_map<std::string, domain::user_state> users_;
    undoable_map<domain::tenant_id, domain::project_state> projects_;
};

} // namespace ventros::commands
