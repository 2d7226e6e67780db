#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `activities` read model and its `activity_events` journal, fed by activity events
/// on `crm` (other events are ignored: neither applied, skipped nor rejected). Per batch:
/// one SELECT of the touched rows, an in-memory fold, one upsert of the changed rows and
/// one INSERT of the journal. An event applies only when its aggregate version is the
/// row's version + 1; lower versions are skipped (replay), a gap is rejected.
class activities_projection final : public projection {
public:
    std::string name() const override { return "activities"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override { return {"activities", "activity_events"}; }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
