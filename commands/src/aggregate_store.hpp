#pragma once

#include "ventros/commands/write_request.hpp"
#include "ventros/domain/lead.hpp"

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ventros::commands {

/// The in-memory state of every aggregate a shard owns, keyed by tenant. Supports
/// speculative changes for the batch being committed: `begin_batch`, then changes,
/// then `commit_batch` or `rollback_batch`. Single-threaded (its shard's thread).
class aggregate_store {
public:
    const domain::lead_state* find_lead(const domain::tenant_id& tenant,
                                        const domain::lead_id& id) const;

    /// Decides `request` against the current (possibly speculative) state; on success
    /// evolves the state with the new events and returns them with the aggregate's
    /// version after them.
    std::expected<std::vector<domain::lead_event>, write_failure>
    decide_and_apply(const write_request& request);

    /// Applies an event read from the log (replay); no undo is recorded.
    void apply_from_log(const domain::tenant_id& tenant, const domain::lead_event& event);

    void begin_batch();
    void commit_batch();
    void rollback_batch();

    std::size_t lead_count() const noexcept { return leads_; }

private:
    using lead_map = std::unordered_map<domain::lead_id, domain::lead_state>;
    struct tenant_state {
        lead_map leads;
    };
    struct undo_entry {
        domain::tenant_id tenant;
        domain::lead_id id;
        std::optional<domain::lead_state> before;
    };

    void apply(tenant_state& tenant, const domain::tenant_id& tenant_key,
               const domain::lead_event& event, bool record_undo);

    std::unordered_map<domain::tenant_id, tenant_state> tenants_;
    std::vector<undo_entry> undo_;
    bool in_batch_ = false;
    std::size_t leads_ = 0;
};

} // namespace ventros::commands
