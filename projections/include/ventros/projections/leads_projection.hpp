#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `leads` read model and its `lead_events` journal, fed by lead events on `crm`.
/// Per batch: one SELECT of the touched rows, an in-memory fold, a COPY of the new rows
/// and of the journal, and one guarded UPDATE of the changed rows. An event applies only
/// when its aggregate version is the row's version + 1; lower versions are skipped
/// (replay), a gap is rejected.
class leads_projection final : public projection {
public:
    /// `bulk_rows_in_memory`: how many rows a bulk load holds (about 2 KB each) before it
    /// writes them and goes on batch by batch like `apply`, which is much slower.
    explicit leads_projection(std::size_t bulk_rows_in_memory = 500'000)
        : bulk_rows_in_memory_(bulk_rows_in_memory) {}

    std::string name() const override { return "leads"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override { return {"leads", "lead_events"}; }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
    /// Folds in memory, COPYs the journal per batch and the rows once at the end (or once
    /// `bulk_rows_in_memory` is passed, and then applies the following batches).
    std::unique_ptr<bulk_load> start_bulk_load(const table_names& tables) const override;

private:
    std::size_t bulk_rows_in_memory_;
};

} // namespace ventros::projections
