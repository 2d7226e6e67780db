#pragma once

#include "ventros/domain/deal.hpp"
#include "ventros/domain/pipeline.hpp"

#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ventros::commands {

/// The writer's pipelines and deals, per tenant, with what tenant-wide rules need: which
/// pipeline is the default and how many open deals each stage holds. Changes can be undone
/// back to a mark. Single-threaded (its shard's thread).
class sales_store {
public:
    const domain::pipeline_state* find_pipeline(const domain::tenant_id& tenant,
                                                const domain::pipeline_id& id) const;
    const domain::deal_state* find_deal(const domain::tenant_id& tenant,
                                        const domain::deal_id& id) const;

    /// The tenant's default pipeline: the first one created as default, else its first one.
    /// Empty when the tenant has no pipeline yet.
    domain::pipeline_id default_pipeline(const domain::tenant_id& tenant) const;

    /// Open deals per stage of one pipeline (for the stage-removal rule).
    domain::pipeline_usage usage(const domain::tenant_id& tenant,
                                 const domain::pipeline_id& pipeline) const;

    void apply(const domain::tenant_id& tenant, const domain::pipeline_event& event, bool undoable);
    /// `actor` caused the event (deal_state remembers its creator).
    void apply(const domain::tenant_id& tenant, const domain::deal_event& event,
               const domain::user_id& actor, bool undoable);

    std::size_t mark() const noexcept { return undo_.size(); }
    void undo_to(std::size_t mark);
    void forget_undo() noexcept { undo_.clear(); }

private:
    struct tenant_state {
        std::map<domain::pipeline_id, domain::pipeline_state> pipelines;
        domain::pipeline_id default_pipeline;
        std::unordered_map<domain::deal_id, domain::deal_state> deals;
        std::map<std::pair<domain::pipeline_id, std::string>, int> open_deals;
    };
    struct pipeline_undo {
        domain::tenant_id tenant;
        domain::pipeline_id id;
        std::optional<domain::pipeline_state> before;
        domain::pipeline_id default_before;
    };
    struct deal_undo {
        domain::tenant_id tenant;
        domain::deal_id id;
        std::optional<domain::deal_state> before;
    };
    using undo_entry = std::variant<pipeline_undo, deal_undo>;

    /// Replaces (or erases, for nullopt) a deal and keeps the open-deal counts in step.
    static void put_deal(tenant_state& t, const domain::deal_id& id,
                         std::optional<domain::deal_state> deal);
    static void put_pipeline(tenant_state& t, const domain::pipeline_id& id,
                             std::optional<domain::pipeline_state> pipeline);

    std::unordered_map<domain::tenant_id, tenant_state> tenants_;
    std::vector<undo_entry> undo_;
};

} // namespace ventros::commands
