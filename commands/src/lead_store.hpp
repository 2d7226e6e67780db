#pragma once

#include "compact_id.hpp"
#include "ventros/domain/lead.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ventros::commands {

/// The writer's leads, per tenant, kept compact (ids as 16 bytes, users interned) and
/// handed out as `domain::lead_state` values. Changes can be undone back to a mark (a
/// failed transaction, a refused command). Single-threaded (its shard's thread).
class lead_store {
public:
    std::optional<domain::lead_state> find(const domain::tenant_id& tenant,
                                           const domain::lead_id& id) const;

    /// Evolves the lead `event` is about; records how to undo it when `undoable`.
    void apply(const domain::tenant_id& tenant, const domain::lead_event& event, bool undoable);

    /// How many changes can be undone; `undo_to(mark())` later restores the state as of now.
    std::size_t mark() const noexcept { return undo_.size(); }
    void undo_to(std::size_t mark);
    /// Forgets the undo records (their changes are final).
    void forget_undo() noexcept { undo_.clear(); }

    std::size_t size() const noexcept { return leads_; }
    /// The leads one tenant holds.
    std::size_t count(const domain::tenant_id& tenant) const;

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

    std::unordered_map<domain::tenant_id, lead_map> tenants_;
    std::vector<domain::user_id> users_;
    boost::unordered_flat_map<std::string, std::uint32_t> user_indexes_;
    std::vector<undo_entry> undo_;
    std::size_t leads_ = 0;
};

} // namespace ventros::commands
