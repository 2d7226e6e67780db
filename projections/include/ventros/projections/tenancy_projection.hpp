#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The tenancy read models: `users` (global, without password hashes) from user events
/// on `identity`, `projects` (one per tenant: settings, members, products, branding) from
/// project events on `identity`, and `subscriptions` (one per tenant) from subscription
/// events on `billing`. Other events are ignored (neither applied, skipped nor rejected).
/// Per table and batch: one SELECT of the touched rows, an in-memory fold with the
/// domain's `evolve`, one upsert of the changed rows; a row's version is its aggregate's
/// version, so replays are skipped and gaps rejected. The `plans` table is seeded by the
/// migration and is not this projection's.
class tenancy_projection final : public projection {
public:
    std::string name() const override { return "tenancy"; }
    std::vector<std::string> topics() const override { return {"identity", "billing"}; }
    std::vector<std::string> tables() const override {
        return {"users", "projects", "subscriptions"};
    }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
