// Pins the gateway's deal and pipeline queries as the reader role: every deal filter,
// pagination without duplicates or gaps, deals, journals and pipelines only within the
// tenant, and the board's per-stage counts, per-currency sums (weighted rounded down per
// deal) and newest deals.
#include "sales_events_fixture.hpp"
#include "ventros/projections/deal_queries.hpp"
#include "ventros/projections/deals_projection.hpp"
#include "ventros/projections/pipelines_projection.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace ventros;
using projections::deal_filter;
using test::ordered_uuid;

namespace {

const std::string pipeline_p = ordered_uuid(1000);
const std::string pipeline_q = ordered_uuid(1001);
const std::string pipeline_r = ordered_uuid(1002);
constexpr int crowded_stage_deals = 51;

std::string deal_id(int n) {
    return ordered_uuid(static_cast<std::uint64_t>(n));
}

struct seeded {
    test::pg_database db;
    pqxx::connection reader;

    seeded() : reader((seed(db), db.conninfo("ventros_reader"))) {}

    // tenant-a: pipeline P (lead-in 10, demo 50, closing 75) with deals 1-7 (6 won, 7
    // lost), pipeline Q with deal 8, pipeline R with 51 one-cent deals (101..151) in one
    // stage. tenant-b: its own pipeline and a deal in it.
    static void seed(const test::pg_database& db) {
        test::migrate(db);
        test::event_factory make;
        std::vector<projections::decoded_event> events{
            make.make("tenant-a", 1,
                      test::pipeline(pipeline_p, "Sales",
                                     {{"lead-in", "Lead in", 10},
                                      {"demo", "Demo", 50},
                                      {"closing", "Closing", 75}})),
            make.make("tenant-a", 1, test::pipeline(pipeline_q, "Partners", {{"x", "X", 20}})),
            make.make("tenant-a", 1, test::pipeline(pipeline_r, "Crowded", {{"big", "Big", 5}})),
            make.make("tenant-b", 1, test::pipeline(ordered_uuid(2000), "B", {{"x", "X", 20}})),
        };
        const auto add = [&](int n, const std::string& pipeline, const std::string& stage,
                             std::int64_t cents, const std::string& currency, int probability,
                             std::optional<std::string> expected_close = std::nullopt,
                             const std::string& owner = "owner-1") {
            auto created = test::deal(deal_id(n), pipeline, stage, cents, currency, probability);
            created.expected_close = std::move(expected_close);
            created.owner = domain::user_id(owner);
            events.push_back(make.make("tenant-a", 1, created));
        };
        add(1, pipeline_p, "lead-in", 999, "BRL", 10, "2026-04-01");
        add(2, pipeline_p, "lead-in", 1001, "USD", 10);
        add(3, pipeline_p, "demo", 2000, "BRL", 50, "2026-04-15");
        add(4, pipeline_p, "demo", 3001, "BRL", 50);
        add(5, pipeline_p, "demo", 5000, "USD", 50, "2026-05-10", "owner-2");
        add(6, pipeline_p, "closing", 7000, "BRL", 75);
        add(7, pipeline_p, "closing", 100, "BRL", 75);
        add(8, pipeline_q, "x", 4000, "BRL", 20);
        for (int n = 101; n < 101 + crowded_stage_deals; ++n) {
            add(n, pipeline_r, "big", 1, "BRL", 5);
        }
        events.push_back(
            make.make("tenant-a", 2, domain::deal_won{domain::deal_id(deal_id(6)), {7000, "BRL"}}));
        events.push_back(
            make.make("tenant-a", 2, domain::deal_lost{domain::deal_id(deal_id(7)), "price"}));
        events.push_back(
            make.make("tenant-b", 1, test::deal(deal_id(9), ordered_uuid(2000), "x", 50)));

        pqxx::connection projector(db.conninfo("ventros_projector"));
        pqxx::work tx(projector);
        const auto pipelines =
            projections::pipelines_projection{}.apply(tx, events, projections::table_names{});
        const auto deals =
            projections::deals_projection{}.apply(tx, events, projections::table_names{});
        REQUIRE(pipelines.rejected.empty());
        REQUIRE(deals.rejected.empty());
        tx.commit();
    }

    /// Runs `query` as the reader in a transaction scoped to `tenant`.
    template <class Query>
    auto as(const std::string& tenant, Query query) {
        pqxx::work tx(reader);
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
        return query(tx);
    }

    nlohmann::json list(deal_filter filter, const std::string& tenant = "tenant-a") {
        filter.tenant_id = tenant;
        return as(tenant, [&](pqxx::transaction_base& tx) {
            const auto page = projections::list_deals(tx, filter);
            return nlohmann::json{
                {"items", nlohmann::json::parse(page.items)},
                {"next_cursor", page.last_id ? nlohmann::json(*page.last_id) : nullptr}};
        });
    }

    std::vector<std::string> ids(deal_filter filter) {
        std::vector<std::string> out;
        const auto page = list(std::move(filter));
        for (const auto& item : page["items"]) {
            out.push_back(item["id"]);
        }
        return out;
    }
};

std::vector<std::string> deal_ids(std::initializer_list<int> numbers) {
    std::vector<std::string> out;
    for (const int n : numbers) {
        out.push_back(deal_id(n));
    }
    return out;
}

nlohmann::json money(const std::string& currency, std::int64_t raw, std::int64_t weighted) {
    return {{"currency", currency}, {"raw_cents", raw}, {"weighted_cents", weighted}};
}

} // namespace

TEST_CASE("each deal filter narrows the list to the matching deals, newest first") {
    seeded s;
    deal_filter f;
    f.pipeline_id = pipeline_q;
    CHECK(s.ids(f) == deal_ids({8}));

    f = {};
    f.stage = "demo";
    CHECK(s.ids(f) == deal_ids({5, 4, 3}));

    f = {};
    f.owner_id = "owner-2";
    CHECK(s.ids(f) == deal_ids({5}));

    f = {};
    f.status = "won";
    CHECK(s.ids(f) == deal_ids({6}));
    f.status = "lost";
    CHECK(s.ids(f) == deal_ids({7}));

    f = {};
    f.min_value_cents = 3001;
    CHECK(s.ids(f) == deal_ids({8, 6, 5, 4}));

    f = {};
    f.pipeline_id = pipeline_p;
    f.max_value_cents = 1001;
    CHECK(s.ids(f) == deal_ids({7, 2, 1}));

    f = {};
    f.expected_close_from = "2026-04-02";
    CHECK(s.ids(f) == deal_ids({5, 3}));
    f = {};
    f.expected_close_to = "2026-04-15";
    CHECK(s.ids(f) == deal_ids({3, 1}));
    f.expected_close_from = "2026-04-02";
    CHECK(s.ids(f) == deal_ids({3}));
}

TEST_CASE("deal pages follow each other without duplicates or gaps") {
    seeded s;
    deal_filter f;
    f.limit = 7;
    std::vector<std::string> seen;
    for (int page = 0; page < 20; ++page) {
        const auto result = s.list(f);
        for (const auto& item : result["items"]) {
            seen.push_back(item["id"]);
        }
        if (result["next_cursor"].is_null()) {
            break;
        }
        CHECK(result["items"].size() == 7);
        f.after_deal_id = result["next_cursor"].get<std::string>();
    }
    const std::size_t total = 8 + crowded_stage_deals;
    CHECK(seen.size() == total);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == total);
    CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
}

TEST_CASE("a deal and its events come back as JSON, only within the tenant") {
    seeded s;
    s.as("tenant-a", [](pqxx::transaction_base& tx) {
        const auto deal = projections::find_deal(tx, "tenant-a", deal_id(6));
        REQUIRE(deal);
        CHECK((*deal)["id"] == deal_id(6));
        CHECK((*deal)["status"] == "won");
        CHECK((*deal)["value_cents"] == 7000);
        CHECK((*deal)["pipeline_id"] == pipeline_p);
        CHECK((*deal)["won_at"] == "2026-03-01T10:00:00.000Z");
        CHECK((*deal)["lost_at"].is_null());
        CHECK((*deal)["version"] == 2);
        const auto dated = projections::find_deal(tx, "tenant-a", deal_id(1));
        REQUIRE(dated);
        CHECK((*dated)["expected_close"] == "2026-04-01");
        CHECK_FALSE(projections::find_deal(tx, "tenant-a", "not-a-uuid"));
        CHECK_FALSE(projections::find_deal(tx, "tenant-a", deal_id(9))); // tenant-b's

        const auto first = projections::list_deal_events(tx, "tenant-a", deal_id(6), 1, {});
        REQUIRE(first["items"].size() == 1);
        CHECK(first["items"][0]["type"] == "ventros.crm.deal.created.v1");
        CHECK(first["items"][0]["data"]["value_cents"] == 7000);
        CHECK(first["next_cursor"] == 1);
        const auto rest = projections::list_deal_events(tx, "tenant-a", deal_id(6), 1, 1);
        REQUIRE(rest["items"].size() == 1);
        CHECK(rest["items"][0]["type"] == "ventros.crm.deal.won.v1");
        CHECK(rest["next_cursor"].is_null());
        return 0;
    });
}

TEST_CASE("another tenant's transaction sees none of the tenant's deals or pipelines") {
    seeded s;
    s.as("tenant-b", [](pqxx::transaction_base& tx) {
        deal_filter f;
        f.tenant_id = "tenant-a";
        CHECK(projections::list_deals(tx, f).items == "[]");
        CHECK_FALSE(projections::find_deal(tx, "tenant-a", deal_id(1)));
        CHECK(projections::list_deal_events(tx, "tenant-a", deal_id(1), 50, {})["items"].empty());
        CHECK(projections::list_pipelines(tx, "tenant-a").empty());
        CHECK_FALSE(projections::find_pipeline(tx, "tenant-a", pipeline_p));
        CHECK_FALSE(projections::pipeline_board(tx, "tenant-a", pipeline_p));
        CHECK(projections::list_pipelines(tx, "tenant-b").size() == 1);
        return 0;
    });
}

TEST_CASE("pipelines are listed oldest first with their stages") {
    seeded s;
    s.as("tenant-a", [](pqxx::transaction_base& tx) {
        const auto all = projections::list_pipelines(tx, "tenant-a");
        REQUIRE(all.size() == 3);
        CHECK(all[0]["id"] == pipeline_p);
        CHECK(all[1]["name"] == "Partners");
        CHECK(all[2]["id"] == pipeline_r);
        const auto p = projections::find_pipeline(tx, "tenant-a", pipeline_p);
        REQUIRE(p);
        CHECK((*p)["version"] == 1);
        CHECK((*p)["is_default"] == false);
        CHECK((*p)["stages"][1] ==
              nlohmann::json{{"id", "demo"}, {"name", "Demo"}, {"probability", 50}});
        CHECK((*p)["created_at"] == "2026-03-01T10:00:00.000Z");
        CHECK_FALSE(projections::find_pipeline(tx, "tenant-a", "nope"));
        return 0;
    });
}

TEST_CASE("the board counts and sums the open deals per stage and currency") {
    seeded s;
    const auto board = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::pipeline_board(tx, "tenant-a", pipeline_p);
    });
    REQUIRE(board);
    CHECK((*board)["pipeline_id"] == pipeline_p);
    CHECK((*board)["name"] == "Sales");
    const auto& stages = (*board)["stages"];
    REQUIRE(stages.size() == 3);

    CHECK(stages[0]["id"] == "lead-in");
    CHECK(stages[0]["name"] == "Lead in");
    CHECK(stages[0]["probability"] == 10);
    CHECK(stages[0]["order"] == 0);
    CHECK(stages[0]["open_deals"] == 2);
    // 999 * 10% = 99.9 and 1001 * 10% = 100.1: rounded down per deal.
    CHECK(stages[0]["values"] ==
          nlohmann::json::array({money("BRL", 999, 99), money("USD", 1001, 100)}));
    REQUIRE(stages[0]["deals"].size() == 2);
    CHECK(stages[0]["deals"][0]["id"] == deal_id(2));
    CHECK(stages[0]["deals"][1]["id"] == deal_id(1));

    CHECK(stages[1]["order"] == 1);
    CHECK(stages[1]["open_deals"] == 3);
    // 2000 * 50% + 3001 * 50% = 1000 + 1500 (1500.5 rounded down).
    CHECK(stages[1]["values"] ==
          nlohmann::json::array({money("BRL", 5001, 2500), money("USD", 5000, 2500)}));
    CHECK(stages[1]["deals"][0]["id"] == deal_id(5));

    CHECK(stages[2]["id"] == "closing");
    CHECK(stages[2]["open_deals"] == 0); // deal 6 is won, deal 7 lost
    CHECK(stages[2]["values"].empty());
    CHECK(stages[2]["deals"].empty());

    CHECK((*board)["totals"]["open_deals"] == 5);
    CHECK((*board)["totals"]["values"] ==
          nlohmann::json::array({money("BRL", 6000, 2599), money("USD", 6001, 2600)}));
}

TEST_CASE("a board stage lists its newest 50 open deals and counts them all") {
    seeded s;
    const auto board = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::pipeline_board(tx, "tenant-a", pipeline_r);
    });
    REQUIRE(board);
    const auto& stage = (*board)["stages"][0];
    CHECK(stage["open_deals"] == crowded_stage_deals);
    REQUIRE(stage["deals"].size() == projections::board_deals_per_stage);
    CHECK(stage["deals"][0]["id"] == deal_id(100 + crowded_stage_deals));
    CHECK(stage["deals"].back()["id"] == deal_id(102));
    CHECK(stage["values"] == nlohmann::json::array({money("BRL", crowded_stage_deals, 0)}));
    CHECK((*board)["totals"]["open_deals"] == crowded_stage_deals);
}

TEST_CASE("malformed deal filters are refused before querying") {
    seeded s;
    for (const auto& change : std::vector<std::function<void(deal_filter&)>>{
             [](deal_filter& f) { f.pipeline_id = "nope"; },
             [](deal_filter& f) { f.after_deal_id = "nope"; },
             [](deal_filter& f) { f.expected_close_from = "2026-13-01"; },
             [](deal_filter& f) { f.expected_close_to = "tomorrow"; }}) {
        deal_filter f;
        change(f);
        CHECK_THROWS_AS(s.list(f), std::invalid_argument);
    }
    CHECK(projections::is_iso_date("2024-02-29"));
    CHECK_FALSE(projections::is_iso_date("2026-02-29"));
    CHECK_FALSE(projections::is_iso_date("2026-1-01"));
}
