#include "activity_store.hpp"

namespace ventros::commands {

const domain::activity_state* activity_store::find(const domain::tenant_id& tenant,
                                                   const domain::activity_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto a = t->second.find(id);
    return a == t->second.end() ? nullptr : &a->second;
}

void activity_store::apply(const domain::tenant_id& tenant, const domain::activity_event& event,
                           const domain::user_id& actor, bool undoable) {
    auto& activities = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    const auto found = activities.find(id);
    std::optional<domain::activity_state> before;
    if (found != activities.end()) {
        before = found->second;
    }
    auto after = domain::evolve(before, event, actor);
    if (undoable) {
        undo_.push_back({tenant, id, std::move(before)});
    }
    activities.insert_or_assign(id, std::move(after));
}

void activity_store::undo_to(std::size_t mark) {
    while (undo_.size() > mark) {
        auto& entry = undo_.back();
        auto& activities = tenants_[entry.tenant];
        if (entry.before) {
            activities.insert_or_assign(entry.id, std::move(*entry.before));
        } else {
            activities.erase(entry.id);
        }
        undo_.pop_back();
    }
}

} // namespace ventros::commands
