#include "ventros/fault/read_model_checks.hpp"

#include <doctest/doctest.h>

namespace ventros::fault {

void check_leads_exact(read_model_inspector& db,
                       const std::map<lead_ref, std::uint32_t>& expected) {
    CHECK(db.lead_versions() == expected);
    const auto journal = db.journal();
    CHECK(journal.size() == expected.size());
    for (const auto& [lead, version] : expected) {
        const std::int64_t n = version;
        const auto found = journal.find(lead);
        INFO(lead.tenant << "/" << lead.id);
        REQUIRE(found != journal.end());
        CHECK(found->second == journal_summary{n, n, 1, n});
    }
}

} // namespace ventros::fault
