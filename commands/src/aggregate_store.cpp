#include "aggregate_store.hpp"

#include <ranges>

namespace ventros::commands {

const domain::lead_state* aggregate_store::find_lead(const domain::tenant_id& tenant,
                                                     const domain::lead_id& id) const {
    const auto t = tenants_.find(tenant);
    if (t == tenants_.end()) {
        return nullptr;
    }
    const auto l = t->second.leads.find(id);
    return l == t->second.leads.end() ? nullptr : &l->second;
}

std::expected<std::vector<domain::lead_event>, write_failure>
aggregate_store::decide_and_apply(const write_request& request) {
    const auto& tenant_key = request.context.tenant;
    const auto& id = domain::subject_of(request.command);
    const auto* current = find_lead(tenant_key, id);

    if (request.if_match && current != nullptr && *request.if_match != current->version) {
        return std::unexpected(write_failure{write_failure::kind::precondition_failed, std::nullopt,
                                             current->version});
    }
    std::optional<domain::lead_state> state;
    if (current != nullptr) {
        state = *current;
    }
    auto decision = domain::decide(request.command, state, request.context);
    if (!decision) {
        return std::unexpected(write_failure{write_failure::kind::domain, decision.error(),
                                             current != nullptr ? current->version : 0});
    }
    if (request.if_match && current == nullptr) {
        // If-Match on a resource that does not exist yet can never match.
        return std::unexpected(
            write_failure{write_failure::kind::precondition_failed, std::nullopt, 0});
    }
    auto& tenant = tenants_[tenant_key];
    for (const auto& event : *decision) {
        apply(tenant, tenant_key, event, in_batch_);
    }
    return std::move(*decision);
}

void aggregate_store::apply_from_log(const domain::tenant_id& tenant,
                                     const domain::lead_event& event) {
    apply(tenants_[tenant], tenant, event, false);
}

void aggregate_store::apply(tenant_state& tenant, const domain::tenant_id& tenant_key,
                            const domain::lead_event& event, bool record_undo) {
    const auto& id = domain::subject_of(event);
    auto found = tenant.leads.find(id);
    std::optional<domain::lead_state> before;
    if (found != tenant.leads.end()) {
        before = found->second;
    }
    if (record_undo) {
        undo_.push_back({tenant_key, id, before});
    }
    auto after = domain::evolve(before, event);
    if (found == tenant.leads.end()) {
        tenant.leads.emplace(id, std::move(after));
        ++leads_;
    } else {
        found->second = std::move(after);
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
        auto& leads = tenants_[entry.tenant].leads;
        if (entry.before) {
            leads.insert_or_assign(entry.id, std::move(*entry.before));
        } else if (leads.erase(entry.id) > 0) {
            --leads_;
        }
    }
    undo_.clear();
    in_batch_ = false;
}

} // namespace ventros::commands
