#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `metrics` read model (DOMAIN.md "Metrics"), fed by lead and deal events on `crm`
/// (pipeline events are ignored: neither applied, skipped nor rejected): per tenant and
/// UTC day of the event's ce_time, counters of leads and deals, revenue won per owner and
/// currency, deltas of the open pipeline per stage and currency, leads by source and
/// deals by owner; plus the per-lead and per-deal state those need (`metrics_leads`,
/// `metrics_deals`). Deterministic from the events alone, so a rebuild writes the same
/// rows as the live projector.
///
/// Per batch: an advisory lock per touched tenant (two appliers of one partition, e.g.
/// during a rebalance, take turns, and the second sees the first's versions and skips),
/// one SELECT of the touched lead and deal state rows, an in-memory fold, one upsert of
/// the changed state rows and one additive upsert per counter table. Counters change
/// only for applied events; versions as in deals_projection (lower: skipped, gap:
/// rejected), so replaying a batch changes nothing.
class metrics_projection final : public projection {
public:
    std::string name() const override { return "metrics"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override {
        return {"metrics_leads",
                "metrics_deals",
                "metrics_daily",
                "metrics_revenue_daily",
                "metrics_open_value_daily",
                "metrics_sources_daily",
                "metrics_agents_daily"};
    }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
