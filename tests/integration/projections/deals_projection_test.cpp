// Pins the deals projection on PostgreSQL: every deal event type lands in the row, the
// journal has one row per applied event, other events are ignored, replays change nothing,
// gaps and values the table would refuse are rejected, and a rebuild's mapping is honoured.
#include "sales_events_fixture.hpp"
#include "ventros/projections/deals_projection.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using test::ordered_uuid;

namespace {

struct fixture : test::projection_fixture<projections::deals_projection> {
    const std::string pipeline = ordered_uuid(10);
    const std::string won = ordered_uuid(21);
    const std::string reopened = ordered_uuid(22);
    const std::string company = ordered_uuid(30);
    const std::string lead = ordered_uuid(40);

    std::vector<projections::decoded_event> batch() {
        const domain::deal_id w(won);
        const domain::deal_id r(reopened);
        auto created = test::deal(won, pipeline, "lead-in", 10000);
        created.lead = domain::lead_id(lead);
        created.expected_close = "2026-04-30";
        domain::deal_updated updated{.id = w,
                                     .title = "Bigger deal",
                                     .value = domain::money{25000, "USD"},
                                     .expected_close = std::optional<std::string>(),
                                     .owner = domain::user_id("owner-2"),
                                     .company = domain::company_id(company)};
        return {
            make.make("tenant-a", 1, created, "2026-03-01T10:00:00.000Z"),
            make.make("tenant-a", 1, test::pipeline(pipeline, "Sales", {{"lead-in", "In", 10}})),
            make.make("tenant-a", 2, updated, "2026-03-01T10:00:01.000Z"),
            make.make("tenant-a", 3, domain::deal_stage_moved{w, "lead-in", "demo", 60, true}),
            make.make("tenant-a", 4, domain::deal_won{w, {24000, "USD"}},
                      "2026-03-01T10:00:04.500Z"),
            make.make("tenant-b", 1, test::deal(reopened, pipeline, "lead-in", 500, "EUR")),
            make.make("tenant-b", 2, domain::deal_lost{r, "no budget"}),
            make.make("tenant-b", 3, domain::deal_reopened{r, domain::deal_status::lost},
                      "2026-03-01T10:00:07.000Z"),
            make.make("tenant-a", 1, test::created(lead, "The lead")),
        };
    }

    nlohmann::json row(const std::string& tenant, const std::string& deal,
                       const std::string& table = "deals") {
        return only_row(table, "tenant_id = " + conn.quote(tenant) +
                                   " AND deal_id = " + conn.quote(deal) + "::uuid");
    }

    std::string snapshot() { return digest({"deals", "deal_events"}); }
};

} // namespace

TEST_CASE("deal events become the expected rows and other events are ignored") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 7);
    CHECK(result.skipped == 0);
    CHECK(result.rejected.empty());

    const auto w = f.row("tenant-a", f.won);
    CHECK(w["title"] == "Bigger deal");
    CHECK(w["value_cents"] == 24000);
    CHECK(w["currency"] == "USD");
    CHECK(w["pipeline_id"] == f.pipeline);
    CHECK(w["stage"] == "demo");
    CHECK(w["probability"] == 60);
    CHECK(w["probability_overridden"] == true);
    CHECK(w["status"] == "won");
    CHECK(w["owner_id"] == "owner-2");
    CHECK(w["lead_id"] == f.lead);
    CHECK(w["company_id"] == f.company);
    CHECK(w["expected_close"].is_null());
    CHECK(w["created_by"] == "user-1");
    CHECK(w["lost_at"].is_null());
    CHECK(w["version"] == 4);

    const auto r = f.row("tenant-b", f.reopened);
    CHECK(r["status"] == "open");
    CHECK(r["currency"] == "EUR");
    CHECK(r["lost_reason"].is_null());
    CHECK(r["lost_at"].is_null());
    CHECK(r["version"] == 3);

    pqxx::read_transaction tx(f.conn);
    CHECK(tx.exec1("SELECT created_at = '2026-03-01T10:00:00Z' AND "
                   "won_at = '2026-03-01T10:00:04.500Z' AND updated_at = won_at FROM deals "
                   "WHERE tenant_id = 'tenant-a'")[0]
              .as<bool>());
    CHECK(tx.exec1("SELECT count(*) FROM leads")[0].as<int>() == 0);
}

TEST_CASE("the deal journal has one row per applied event with its type and data") {
    fixture f;
    const auto events = f.batch();
    f.apply(events);
    pqxx::read_transaction tx(f.conn);
    const auto rows = tx.exec_params(
        "SELECT version, type, data::text, actor, occurred_at = '2026-03-01T10:00:04.500Z', "
        "event_id::text, \"offset\" FROM deal_events WHERE deal_id = $1::uuid ORDER BY version",
        f.won);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][1].as<std::string>() == "ventros.crm.deal.created.v1");
    CHECK(rows[3][1].as<std::string>() == "ventros.crm.deal.won.v1");
    const auto won = nlohmann::json::parse(rows[3][2].c_str());
    CHECK(won["value_cents"] == 24000);
    CHECK(won["deal_id"] == f.won);
    CHECK(rows[3][3].as<std::string>() == "user-1");
    CHECK(rows[3][4].as<bool>());
    CHECK(rows[3][5].as<std::string>() == events[4].attributes.id);
    CHECK(rows[3][6].as<std::int64_t>() == events[4].offset);
    CHECK(tx.exec1("SELECT count(*) FROM deal_events")[0].as<std::size_t>() == 7);
}

TEST_CASE("re-applying deal events, whole or overlapping, changes nothing") {
    fixture f;
    const auto events = f.batch();
    f.apply({events.begin(), events.begin() + 4});
    const auto rest = f.apply(events);
    CHECK(rest.applied == 4);
    CHECK(rest.skipped == 3);
    const auto before = f.snapshot();

    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == 7);
    CHECK(again.rejected.empty());
    CHECK(f.snapshot() == before);

    fixture one;
    one.apply(one.batch());
    CHECK(one.snapshot() == before);
}

TEST_CASE("a deal version gap, a first event that is not deal.created or a bad value is "
          "rejected") {
    fixture f;
    const auto events = f.batch();
    auto bad_date = test::deal(ordered_uuid(50), f.pipeline, "lead-in", 1);
    bad_date.expected_close = "2026-02-30";
    auto bad_company = test::deal(ordered_uuid(51), f.pipeline, "lead-in", 1);
    bad_company.company = domain::company_id("acme");
    const auto result =
        f.apply({events[0], events[3], events[6], f.make.make("tenant-a", 1, bad_date),
                 f.make.make("tenant-a", 1, bad_company), events[2]});
    CHECK(result.applied == 2); // created, then updated (version 2) after the gap
    REQUIRE(result.rejected.size() == 4);
    CHECK(result.rejected[0].index == 1);
    CHECK(result.rejected[0].detail.find("gap") != std::string::npos);
    CHECK(result.rejected[1].index == 2); // tenant-b's deal has no row
    CHECK(result.rejected[2].detail.find("expected_close") != std::string::npos);
    CHECK(result.rejected[3].detail.find("acme") != std::string::npos);
    CHECK(f.row("tenant-a", f.won)["version"] == 2);
    CHECK(test::count_rows(f.conn, "deals") == 1);
}

TEST_CASE("deal rows and journal go to the tables the mapping names") {
    fixture f;
    test::create_shadow_tables(f.db, {"deals", "deal_events"});
    f.apply(f.batch(), projections::table_names::with_suffix({"deals", "deal_events"}, "_rebuild"));
    CHECK(test::count_rows(f.conn, "deals") == 0);
    CHECK(test::count_rows(f.conn, "deal_events") == 0);
    CHECK(test::count_rows(f.conn, "deal_events_rebuild") == 7);
    CHECK(f.row("tenant-a", f.won, "deals_rebuild")["status"] == "won");
}
