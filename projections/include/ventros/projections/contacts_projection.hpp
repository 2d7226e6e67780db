#pragma once

#include "ventros/projections/projection.hpp"

namespace ventros::projections {

/// The `contacts` and `companies` read models and their `contact_events` and
/// `company_events` journals, fed by contact and company events on `crm` (other events are
/// ignored: neither applied, skipped nor rejected). One projection for both because they
/// are read together (a contact names its company). Per batch and kind: one SELECT of the
/// touched rows, an in-memory fold with the domain's `evolve`, one upsert of the changed
/// rows and one INSERT of the journal. Versions as in deals_projection: a merge's two
/// events each advance their own contact.
class contacts_projection final : public projection {
public:
    std::string name() const override { return "contacts"; }
    std::vector<std::string> topics() const override { return {"crm"}; }
    std::vector<std::string> tables() const override {
        return {"companies", "company_events", "contacts", "contact_events"};
    }
    apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                       const table_names& tables) const override;
};

} // namespace ventros::projections
