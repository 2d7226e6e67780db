// Pins the pipelines projection on PostgreSQL: pipeline events fold into one row with its
// stages in board order, other events are ignored, replays change nothing, gaps are
// rejected, and the table mapping of a rebuild is honoured.
#include "sales_events_fixture.hpp"
#include "ventros/projections/pipelines_projection.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using test::ordered_uuid;

namespace {

struct fixture : test::projection_fixture<projections::pipelines_projection> {
    const std::string id = ordered_uuid(10);

    std::vector<projections::decoded_event> batch() {
        const domain::pipeline_id p(id);
        return {
            make.make("tenant-a", 1,
                      test::pipeline(id, "Sales", {{"lead-in", "Lead in", 10}, {"won", "Won", 90}}),
                      "2026-03-01T10:00:00.000Z"),
            make.make("tenant-a", 1, test::created(ordered_uuid(1), "A lead")),
            make.make("tenant-a", 2, domain::pipeline_stage_added{p, {"demo", "Demo", 40}, 1}),
            make.make("tenant-a", 3, domain::pipeline_stage_updated{p, "lead-in", "Inbound", 15}),
            make.make("tenant-a", 1, test::deal(ordered_uuid(20), id, "demo", 1000)),
            make.make("tenant-a", 4,
                      domain::pipeline_stages_reordered{p, {"demo", "lead-in", "won"}}),
            make.make("tenant-a", 5, domain::pipeline_stage_removed{p, "won"},
                      "2026-03-01T10:00:05.250Z"),
        };
    }

    nlohmann::json row(const std::string& table = "pipelines") { return only_row(table); }

    std::string snapshot() { return digest({"pipelines"}); }
};

} // namespace

TEST_CASE("pipeline events fold into one row with its stages in board order") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 5);
    CHECK(result.skipped == 0);
    CHECK(result.rejected.empty());

    const auto row = f.row();
    CHECK(row["tenant_id"] == "tenant-a");
    CHECK(row["pipeline_id"] == f.id);
    CHECK(row["name"] == "Sales");
    CHECK(row["is_default"] == false);
    CHECK(row["version"] == 5);
    CHECK(row["stages"] == nlohmann::json::parse(R"([
        {"id": "demo", "name": "Demo", "probability": 40},
        {"id": "lead-in", "name": "Inbound", "probability": 15}])"));

    pqxx::read_transaction tx(f.conn);
    CHECK(tx.exec1("SELECT created_at = '2026-03-01T10:00:00Z' AND "
                   "updated_at = '2026-03-01T10:00:05.250Z' FROM pipelines")[0]
              .as<bool>());
}

TEST_CASE("re-applying pipeline events, whole or overlapping, changes nothing") {
    fixture f;
    const auto events = f.batch();
    f.apply({events.begin(), events.begin() + 3});
    const auto rest = f.apply(events);
    CHECK(rest.applied == 3);
    CHECK(rest.skipped == 2);
    const auto before = f.snapshot();

    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == 5); // the lead and the deal event are neither applied nor skipped
    CHECK(f.snapshot() == before);
}

TEST_CASE("a pipeline version gap or an event before pipeline.created is rejected") {
    fixture f;
    const auto events = f.batch();
    const auto early = f.apply({f.make.make(
        "tenant-a", 1, domain::pipeline_stage_removed{domain::pipeline_id(f.id), "won"})});
    REQUIRE(early.rejected.size() == 1);
    CHECK(early.rejected[0].detail.find("pipeline.created") != std::string::npos);

    const auto result = f.apply({events[0], events[3], events[2]}); // 1, 3 (gap), 2
    CHECK(result.applied == 2);
    REQUIRE(result.rejected.size() == 1);
    CHECK(result.rejected[0].index == 1);
    CHECK(result.rejected[0].detail.find("gap") != std::string::npos);
    CHECK(f.row()["version"] == 2);
}

TEST_CASE("pipeline rows go to the table the mapping names") {
    fixture f;
    test::create_shadow_tables(f.db, {"pipelines"});
    f.apply(f.batch(), projections::table_names::with_suffix({"pipelines"}, "_rebuild"));
    CHECK(test::count_rows(f.conn, "pipelines") == 0);
    CHECK(f.row("pipelines_rebuild")["version"] == 5);
}
