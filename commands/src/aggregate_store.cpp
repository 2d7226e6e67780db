#include "aggregate_store.hpp"

#include <ranges>

namespace ventros::commands {

domain::lead_state aggregate_store::expand(const domain::lead_id& id,
                                           const stored_lead& lead) const {
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

aggregate_store::stored_lead aggregate_store::compact(const domain::lead_state& state) {
    return stored_lead{state.version,
                       state.score,
                       intern(state.created_by),
                       state.assigned_to ? intern(*state.assigned_to) : no_user,
                       state.stage,
                       state.ever_qualified};
}

std::uint32_t aggregate_store::intern(const domain::user_id& user) {
    const auto [it, inserted] =
        user_indexes_.try_emplace(user.str(), static_cast<std::uint32_t>(users_.size() + 1));
    if (inserted) {
        users_.push_back(user);
    }
    return it->second;
}

std::optional<domain::lead_state> aggregate_store::find_lead(const domain::tenant_id& tenant,
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

std::expected<std::vector<domain::lead_event>, write_failure>
aggregate_store::decide_and_apply(const write_request& request) {
    const auto& tenant_key = request.context.tenant;
    const auto state = find_lead(tenant_key, domain::subject_of(request.command));

    if (request.if_match && state && *request.if_match != state->version) {
        return std::unexpected(
            write_failure{write_failure::kind::precondition_failed, std::nullopt, state->version});
    }
    auto decision = domain::decide(request.command, state, request.context);
    if (!decision) {
        return std::unexpected(write_failure{write_failure::kind::domain, decision.error(),
                                             state ? state->version : 0});
    }
    if (request.if_match && !state) {
        // If-Match on a resource that does not exist yet can never match.
        return std::unexpected(
            write_failure{write_failure::kind::precondition_failed, std::nullopt, 0});
    }
    auto& leads = tenants_[tenant_key];
    for (const auto& event : *decision) {
        apply(leads, tenant_key, event, in_batch_);
    }
    return std::move(*decision);
}

void aggregate_store::apply_from_log(const domain::tenant_id& tenant,
                                     const domain::lead_event& event) {
    apply(tenants_[tenant], tenant, event, false);
}

void aggregate_store::apply(lead_map& leads, const domain::tenant_id& tenant_key,
                            const domain::lead_event& event, bool record_undo) {
    const auto& id = domain::subject_of(event);
    compact_id key(id.str());
    auto found = leads.find(key);
    std::optional<domain::lead_state> before;
    if (found != leads.end()) {
        before = expand(id, found->second);
    }
    if (record_undo) {
        undo_.push_back(
            {tenant_key, key, found != leads.end() ? std::optional(found->second) : std::nullopt});
    }
    const auto after = compact(domain::evolve(before, event));
    if (found == leads.end()) {
        leads.emplace(std::move(key), after);
        ++leads_;
    } else {
        found->second = after;
    }
}

void aggregate_store::begin_batch() {
    undo_.clear();
    in_batch_ = true;
}

void aggregate_store::commit_batch() {
    undo_.clear();
    in_batch_ = false;
}

void aggregate_store::rollback_batch() {
    for (auto& entry : std::views::reverse(undo_)) {
        auto& leads = tenants_[entry.tenant];
        if (entry.before) {
            leads.insert_or_assign(std::move(entry.id), *entry.before);
        } else if (leads.erase(entry.id) > 0) {
            --leads_;
        }
    }
    undo_.clear();
    in_batch_ = false;
}

} // namespace ventros::commands
