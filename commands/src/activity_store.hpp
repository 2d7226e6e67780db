#pragma once

#include "ventros/domain/activity.hpp"

#include <optional>
#include <unordered_map>
#include <vector>

namespace ventros::commands {

/// The writer's activities, per tenant. Changes can be undone back to a mark (a failed
/// transaction, a refused command). Single-threaded (its shard's thread).
class activity_store {
public:
    const domain::activity_state* find(const domain::tenant_id& tenant,
                                       const domain::activity_id& id) const;

    /// Evolves the activity `event` is about; `actor` caused the event (the state
    /// remembers its creator). Records how to undo it when `undoable`.
    void apply(const domain::tenant_id& tenant, const domain::activity_event& event,
               const domain::user_id& actor, bool undoable);

    /// How many changes can be undone; `undo_to(mark())` later restores the state as of now.
    std::size_t mark() const noexcept { return undo_.size(); }
    void undo_to(std::size_t mark);
    /// Forgets the undo records (their changes are final).
    void forget_undo() noexcept { undo_.clear(); }

private:
    using activity_map = std::unordered_map<domain::activity_id, domain::activity_state>;
    struct undo_entry {
        domain::tenant_id tenant;
        domain::activity_id id;
        std::optional<domain::activity_state> before;
    };

    std::unordered_map<domain::tenant_id, activity_map> tenants_;
    std::vector<undo_entry> undo_;
};

} // namespace ventros::commands
