#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `leads` read model and its `lead_events` journal, fed by lead events on `crm`.
/// Per batch: one SELECT of the touched rows, an in-memory fold, one upsert of the
/// rows and one insert of the journal. An event applies only when its aggregate version
/// is the row's version + 1; lower versions are skipped (replay), a gap is rejected.
class leads_projection final : public projection {
public:
    std::string name() const override { return "leads"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override { return {"leads", "lead_events"}; }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
