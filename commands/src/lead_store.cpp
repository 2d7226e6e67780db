#include "lead_store.hpp"

#include <ranges>

namespace ventros::commands {

domain::lead_state lead_store::expand(const domain::lead_id& id, const stored_lead& lead) const {
    domain::lead_state state;
    state.id = id;
    state.version = lead.version;
    state.stage = lead.stage;
    state.score = lead.score;
    state.ever_qualified = lead.ever_qualified;
    if (lead.assigned_to != no_user) {
        state.assigned_to = users_[lead.assigned_to - 1];
    }
    state.created_by = users_[lead.created_by - 1];
    return state;
}

lead_store::stored_lead lead_store::compact(const domain::lead_state& state) {
    return stored_lead{state.version,
                       state.score,
                       intern(state.created_by),
                       state.assigned_to ? intern(*state.assigned_to) : no_user,
                       state.stage,
                       state.ever_qualified};
}

std::uint32_t lead_store::intern(const domain::user_id& user) {
    const auto [it, inserted] =
        user_indexes_.try_emplace(user.str(), static_cast<std::uint32_t>(users_.size() + 1));
    if (inserted) {
        users_.push_back(user);
    }
    return it->second;
}

std::optional<domain::lead_state> lead_store::find(const domain::tenant_id& tenant,
                                                   const domain::lead_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return std::nullopt;
    }
    const auto l = t->second.find(compact_id(id.str()));
    if (l == t->second.end()) {
        return std::nullopt;
    }
    return expand(id, l->second);
}

void lead_store::apply(const domain::tenant_id& tenant, const domain::lead_event& event,
                       bool undoable) {
    auto& leads = tenants_[tenant];
    const auto& id = domain::subject_of(event);
    compact_id key(id.str());
    auto found = leads.find(key);
    std::optional<domain::lead_state> before;
    if (found != leads.end()) {
        before = expand(id, found->second);
    }
    if (undoable) {
        undo_.push_back(
            {tenant, key, found != leads.end() ? std::optional(found->second) : std::nullopt});
    }
    const auto after = compact(domain::evolve(before, event));
    if (found == leads.end()) {
        leads.emplace(std::move(key), after);
        ++leads_;
    } else {
        found->second = after;
    }
}

void lead_store::undo_to(std::size_t mark) {
    while (undo_.size() > mark) {
        auto& entry = undo_.back();
        auto& leads = tenants_[entry.tenant];
        if (entry.before) {
            leads.insert_or_assign(std::move(entry.id), *entry.before);
        } else if (leads.erase(entry.id) > 0) {
            --leads_;
        }
        undo_.pop_back();
    }
}

std::size_t lead_store::count(const domain::tenant_id& tenant) const {
    const auto found = tenants_.find(tenant);
    return found == tenants_.end() ? 0 : found->second.size();
}

} // namespace ventros::commands
