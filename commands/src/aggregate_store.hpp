#pragma once

#include "compact_id.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/lead.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ventros::commands {

/// The in-memory state of every aggregate a shard owns, keyed by tenant. Supports
/// speculative changes for the batch being committed: `begin_batch`, then changes,
/// then `commit_batch` or `rollback_batch`. Leads are kept compact (ids as 16 bytes, users
/// interned) and handed out as `domain::lead_state` values. Single-threaded (its shard's
/// thread).
class aggregate_store {
public:
    std::optional<domain::lead_state> find_lead(const domain::tenant_id& tenant,
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
    static constexpr std::uint32_t no_user = 0;
    /// A lead_state without its id (the map key) and with users as indexes into users_
    /// plus one (`no_user`: not assigned).
    struct stored_lead {
        std::uint32_t version = 0;
        std::int32_t score = 0;
        std::uint32_t created_by = no_user; ///< always set once stored
        std::uint32_t assigned_to = no_user;
        domain::lead_stage stage = domain::lead_stage::new_lead;
        bool ever_qualified = false;
    };
    using lead_map = boost::unordered_flat_map<compact_id, stored_lead, std::hash<compact_id>>;
    struct undo_entry {
        domain::tenant_id tenant;
        compact_id id;
        std::optional<stored_lead> before;
    };

    domain::lead_state expand(const domain::lead_id& id, const stored_lead& lead) const;
    stored_lead compact(const domain::lead_state& state);
    std::uint32_t intern(const domain::user_id& user);
    void apply(lead_map& leads, const domain::tenant_id& tenant_key,
               const domain::lead_event& event, bool record_undo);

    std::unordered_map<domain::tenant_id, lead_map> tenants_;
    std::vector<domain::user_id> users_;
    boost::unordered_flat_map<std::string, std::uint32_t> user_indexes_;
    std::vector<undo_entry> undo_;
    bool in_batch_ = false;
    std::size_t leads_ = 0;
};

} // namespace ventros::commands
