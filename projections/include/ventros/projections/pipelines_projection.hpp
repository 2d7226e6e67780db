#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `pipelines` read model (each pipeline with its stages in board order), fed by
/// pipeline events on `crm` (other events are ignored: neither applied, skipped nor
/// rejected). Per batch: one SELECT of the touched rows, an in-memory fold with the
/// domain's `evolve`, one upsert of the changed rows. Versions as in deals_projection.
class pipelines_projection final : public projection {
public:
    std::string name() const override { return "pipelines"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override { return {"pipelines"}; }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
