// Pins the in-memory fold of the leads projection: version rules, replays and the
// columns each event sets.
#include "../../integration/projections/lead_events_fixture.hpp"
#include "ventros/projections/lead_row.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using projections::fold_lead_row;
using projections::fold_outcome;

namespace {

const std::string lead = test::ordered_uuid(1);

} // namespace

TEST_CASE("lead.created makes a new row at version 1 with times from ce_time") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    const auto e =
        make.make("t", 1, test::created(lead, "Ana", "ana@ex.com"), "2026-03-01T10:00:00.5+01:00");
    REQUIRE(fold_lead_row(row, e) == fold_outcome::applied);
    REQUIRE(row);
    CHECK(row->version == 1);
    CHECK(row->stage == "new");
    CHECK(row->created_at == "2026-03-01T09:00:00.500Z");
    CHECK(row->updated_at == row->created_at);
}

TEST_CASE("an event at or below the row's version is already applied and changes nothing") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    const auto created = make.make("t", 1, test::created(lead, "Ana"));
    REQUIRE(fold_lead_row(row, created));
    const auto before = *row;
    CHECK(fold_lead_row(row, created) == fold_outcome::already_applied);
    CHECK(*row == before);
}

TEST_CASE("a version gap is an error and leaves the row as it was") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    REQUIRE(fold_lead_row(row, make.make("t", 1, test::created(lead, "Ana"))));
    const auto before = *row;
    const auto gap =
        fold_lead_row(row, make.make("t", 3, domain::lead_lost{domain::lead_id(lead), "x"}));
    REQUIRE_FALSE(gap);
    CHECK(gap.error().find("gap") != std::string::npos);
    CHECK(*row == before);
}

TEST_CASE("a first event that is not lead.created is an error") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    CHECK_FALSE(
        fold_lead_row(row, make.make("t", 1, domain::lead_lost{domain::lead_id(lead), "x"})));
    CHECK_FALSE(row);
}

TEST_CASE("a malformed time or a lead id that is not a UUID is an error, not an exception") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    CHECK_FALSE(fold_lead_row(row, make.make("t", 1, test::created(lead, "Ana"), "yesterday")));
    CHECK_FALSE(fold_lead_row(row, make.make("t", 1, test::created("not-a-uuid", "Ana"))));
    CHECK_FALSE(row);
}

TEST_CASE("lost and converted set their stage, time and details") {
    test::event_factory make;
    std::optional<projections::lead_row> row;
    REQUIRE(fold_lead_row(row, make.make("t", 1, test::created(lead, "Ana"))));
    REQUIRE(fold_lead_row(row, make.make("t", 2, domain::lead_lost{domain::lead_id(lead), "price"},
                                         "2026-03-02T00:00:00.000Z")));
    CHECK(row->stage == "lost");
    CHECK(row->lost_reason == "price");
    CHECK(row->lost_at == "2026-03-02T00:00:00.000Z");

    std::optional<projections::lead_row> other;
    REQUIRE(fold_lead_row(other, make.make("t", 1, test::created(lead, "Ana"))));
    REQUIRE(fold_lead_row(
        other, make.make("t", 2,
                         domain::lead_converted{domain::lead_id(lead),
                                                domain::deal_id(test::ordered_uuid(9)), 75})));
    CHECK(other->stage == "converted");
    CHECK(other->deal_id == test::ordered_uuid(9));
    CHECK(other->score == 75);
}
