#pragma once

#include "activity_store.hpp"
#include "contact_store.hpp"
#include "identity_store.hpp"
#include "lead_store.hpp"
#include "sales_store.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/crm.hpp"

#include <expected>
#include <functional>
#include <optional>
#include <vector>

namespace ventros::commands {

/// An event a command produced, with its aggregate's version after it.
struct decided_event {
    domain::crm_event event;
    std::uint32_t version = 0;
    /// Appended for the command but not what it asked for (placed first). Not part of the
    /// command's result.
    bool on_behalf = false;
};

/// The in-memory state of every aggregate a shard owns: users (keyed by email), projects,
/// and each project's leads, pipelines, deals, contacts, companies and activities. Supports
/// speculative changes for the batch being committed: `begin_batch`, then changes, then
/// `commit_batch` or `rollback_batch`. Single-threaded (its shard's thread).
class aggregate_store {
public:
    /// Says whether a billing account is suspended (its writer may be another shard).
    using suspension_check = std::function<bool(const domain::billing_account_id&)>;

    /// Makes the ids of default pipelines (UUIDv7 unless a test gives its own); asks
    /// `suspended` before any write to a project (none suspended when not given).
    explicit aggregate_store(std::function<domain::pipeline_id()> new_pipeline_id = {},
                             suspension_check suspended = {});

    std::optional<domain::lead_state> find_lead(const domain::tenant_id& tenant,
                                                const domain::lead_id& id) const {
        return leads_.find(tenant, id);
    }
    const domain::deal_state* find_deal(const domain::tenant_id& tenant,
                                        const domain::deal_id& id) const {
        return sales_.find_deal(tenant, id);
    }
    const domain::pipeline_state* find_pipeline(const domain::tenant_id& tenant,
                                                const domain::pipeline_id& id) const {
        return sales_.find_pipeline(tenant, id);
    }
    domain::pipeline_id default_pipeline(const domain::tenant_id& tenant) const {
        return sales_.default_pipeline(tenant);
    }
    const domain::contact_state* find_contact(const domain::tenant_id& tenant,
                                              const domain::contact_id& id) const {
        return contacts_.find_contact(tenant, id);
    }
    const domain::company_state* find_company(const domain::tenant_id& tenant,
                                              const domain::company_id& id) const {
        return contacts_.find_company(tenant, id);
    }
    const domain::activity_state* find_activity(const domain::tenant_id& tenant,
                                                const domain::activity_id& id) const {
        return activities_.find(tenant, id);
    }
    const domain::project_state* find_project(const domain::tenant_id& tenant) const {
        return identity_.find_project(tenant);
    }
    const domain::user_state* user_with_email(const std::string& email) const {
        return identity_.user_with_email(email);
    }
    const domain::subscription_state* find_subscription(const domain::tenant_id& tenant) const {
        return subscriptions_.find(tenant);
    }
    const domain::billing_account_state*
    find_billing_account(const domain::billing_account_id& id) const {
        return accounts_.find(id);
    }

    /// Decides `request` against the current (possibly speculative) state; on success
    /// evolves the state with the new events and returns them. Commands about a tenant's
    /// data are refused with `tenant-not-found` until its project exists; opening a
    /// project also starts its subscription and creates its default pipeline. Creating a
    /// lead or adding a member beyond the subscription plan's limit is refused with
    /// `quota-exceeded`, and any write to a project whose billing account is suspended
    /// with `account-suspended`. A refused command changes nothing.
    std::expected<std::vector<decided_event>, write_failure>
    decide_and_apply(const write_request& request);

    /// Applies an event read from the log (replay); no undo is recorded.
    void apply_from_log(const domain::tenant_id& tenant, const domain::crm_event& event,
                        const domain::user_id& actor);

    void begin_batch();
    void commit_batch();
    void rollback_batch();

    std::size_t lead_count() const noexcept { return leads_.size(); }

private:
    struct mark {
        std::size_t leads = 0;
        std::size_t sales = 0;
        std::size_t contacts = 0;
        std::size_t activities = 0;
        identity_store::mark_type identity;
        std::size_t subscriptions = 0;
        std::size_t accounts = 0;
    };
    void undo_to(mark m);
    void apply(const domain::tenant_id& tenant, const domain::crm_event& event,
               const domain::user_id& actor, bool undoable);
    /// The current version of the aggregate `event` is about (0 when it does not exist).
    std::uint32_t version_of(const domain::tenant_id& tenant, const domain::crm_event& event) const;
    mark current_mark() const;
    void forget_undo();
    /// What deciding a contact command needs from the rest of the tenant (duplicate
    /// holders, whether the company, lead or deal exists, the contact to absorb).
    domain::contact_facts facts_for(const domain::tenant_id& tenant,
                                    const domain::contact_command& command) const;
    /// The refusal when `command` would take the tenant past its plan's limits.
    std::optional<domain::quota_exceeded> over_quota(const domain::tenant_id& tenant,
                                                     const domain::crm_command& command) const;
    /// Whether the records an activity command links to exist in the tenant.
    domain::activity_links_found find_links(const domain::tenant_id& tenant,
                                            const domain::activity_links& links) const;

    std::function<domain::pipeline_id()> new_pipeline_id_;
    lead_store leads_;
    sales_store sales_;
    contact_store contacts_;
    activity_store activities_;
    identity_store identity_;
    undoable_map<domain::tenant_id, domain::subscription_state> subscriptions_;
    undoable_map<domain::billing_account_id, domain::billing_account_state> accounts_;
    suspension_check suspended_;
    bool in_batch_ = false;
};

} // namespace ventros::commands
