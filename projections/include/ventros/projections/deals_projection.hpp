#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `deals` read model and its `deal_events` journal, fed by deal events on `crm`
/// (other events are ignored: neither applied, skipped nor rejected). Per batch: one
/// SELECT of the touched rows, an in-memory fold, one upsert of the changed rows and one
/// INSERT of the journal. An event applies only when its aggregate version is the row's
/// version + 1; lower versions are skipped (replay), a gap is rejected.
class deals_projection final : public projection {
public:
    std::string name() const override { return "deals"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override { return {"deals", "deal_events"}; }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
