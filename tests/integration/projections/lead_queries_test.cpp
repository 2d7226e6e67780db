// Pins the gateway's lead queries as the reader role: every filter, case-insensitive
// search with accents and LIKE wildcards taken literally, and pagination without
// duplicates or gaps.
#include "lead_events_fixture.hpp"
#include "pg_database.hpp"
#include "ventros/projections/lead_queries.hpp"
#include "ventros/projections/leads_projection.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace ventros;
using projections::lead_filter;
using test::created;
using test::ordered_uuid;

namespace {

struct seeded {
    test::pg_database db;
    pqxx::connection reader;

    seeded() : reader((seed(db), db.conninfo("ventros_reader"))) {}

    // 25 leads in tenant-a (every fifth one qualified and assigned), 3 in tenant-b.
    static void seed(const test::pg_database& db) {
        projections::apply_migrations(db.conninfo(), test::migrations_dir(),
                                      telemetry::logger{"queries-test"});
        test::event_factory make;
        std::vector<projections::decoded_event> events;
        const std::vector<std::string> names = {"Ágata Lima", "100% Leads", "under_score"};
        for (int i = 1; i <= 25; ++i) {
            const auto id = ordered_uuid(static_cast<std::uint64_t>(i));
            const auto name = i <= 3 ? names[i - 1] : "Lead " + std::to_string(i);
            const auto source =
                i % 2 == 0 ? domain::lead_source::whatsapp : domain::lead_source::web;
            events.push_back(make.make(
                "tenant-a", 1, created(id, name, "l" + std::to_string(i) + "@ex.com", source)));
            if (i % 5 == 0) {
                domain::lead_scored scored;
                scored.id = domain::lead_id(id);
                scored.score = 70 + i;
                scored.stage = domain::lead_stage::qualified;
                events.push_back(make.make("tenant-a", 2, scored));
                events.push_back(
                    make.make("tenant-a", 3,
                              domain::lead_assigned{domain::lead_id(id), domain::user_id("agent-1"),
                                                    domain::role::agent, std::nullopt}));
            }
        }
        for (int i = 100; i < 103; ++i) {
            events.push_back(make.make(
                "tenant-b", 1,
                created(ordered_uuid(static_cast<std::uint64_t>(i)), "Ágata B", "b@ex.com")));
        }
        pqxx::connection projector(db.conninfo("ventros_projector"));
        pqxx::work tx(projector);
        projections::leads_projection{}.apply(tx, events, projections::table_names{});
        tx.commit();
    }

    nlohmann::json list(lead_filter filter, const std::string& tenant = "tenant-a") {
        pqxx::work tx(reader);
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
        filter.tenant_id = tenant;
        const auto page = projections::list_leads(tx, filter);
        return {{"items", nlohmann::json::parse(page.items)},
                {"next_cursor", page.last_id ? nlohmann::json(*page.last_id) : nullptr}};
    }

    std::vector<std::string> names(lead_filter filter) {
        std::vector<std::string> out;
        const auto result = list(std::move(filter));
        for (const auto& item : result["items"]) {
            out.push_back(item["name"]);
        }
        return out;
    }
};

lead_filter with(void (*set)(lead_filter&)) {
    lead_filter f;
    set(f);
    return f;
}

} // namespace

TEST_CASE("each filter narrows the list to the matching leads, newest first") {
    seeded s;
    CHECK(s.list({})["items"].size() == 25);
    CHECK(s.list({})["items"][0]["id"] == ordered_uuid(25));

    const auto qualified = s.list(with([](lead_filter& f) { f.stage = "qualified"; }));
    CHECK(qualified["items"].size() == 5);
    const auto by_source = s.list(with([](lead_filter& f) { f.source = "whatsapp"; }));
    CHECK(by_source["items"].size() == 12);
    const auto assigned = s.list(with([](lead_filter& f) { f.assigned_to = "agent-1"; }));
    CHECK(assigned["items"].size() == 5);
    const auto scored = s.list(with([](lead_filter& f) { f.min_score = 85; }));
    CHECK(scored["items"].size() == 3); // scores 85, 90, 95
    const auto combined = s.list(with([](lead_filter& f) {
        f.min_score = 85;
        f.source = "web";
    }));
    REQUIRE(combined["items"].size() == 2); // 15 and 25 are odd: web
    CHECK(combined["items"][0]["score"] == 95);
}

TEST_CASE("q matches name or email case-insensitively, accents included") {
    seeded s;
    CHECK(s.names(with([](lead_filter& f) { f.q = "ágata"; })) ==
          std::vector<std::string>{"Ágata Lima"});
    CHECK(s.names(with([](lead_filter& f) { f.q = "ÁGATA LI"; })) ==
          std::vector<std::string>{"Ágata Lima"});
    CHECK(s.names(with([](lead_filter& f) { f.q = "L7@EX"; })) ==
          std::vector<std::string>{"Lead 7"});
    CHECK(s.names(with([](lead_filter& f) { f.q = "agata"; })).empty());
}

TEST_CASE("q treats LIKE wildcards literally") {
    seeded s;
    CHECK(s.names(with([](lead_filter& f) { f.q = "%"; })) ==
          std::vector<std::string>{"100% Leads"});
    CHECK(s.names(with([](lead_filter& f) { f.q = "r_s"; })) ==
          std::vector<std::string>{"under_score"});
    CHECK(s.names(with([](lead_filter& f) { f.q = "\\"; })).empty());
}

TEST_CASE("pages follow each other without duplicates or gaps") {
    seeded s;
    std::vector<std::string> seen;
    lead_filter page;
    page.limit = 7;
    int pages = 0;
    for (;;) {
        const auto result = s.list(page);
        ++pages;
        for (const auto& item : result["items"]) {
            seen.push_back(item["id"]);
        }
        if (result["next_cursor"].is_null()) {
            break;
        }
        CHECK(result["items"].size() == 7);
        CHECK(result["next_cursor"] == result["items"].back()["id"]);
        page.after_lead_id = result["next_cursor"].get<std::string>();
    }
    CHECK(pages == 4);
    REQUIRE(seen.size() == 25);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 25);
    CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
}

TEST_CASE("a full last page has no next cursor") {
    seeded s;
    lead_filter f;
    f.limit = 25;
    CHECK(s.list(f)["next_cursor"].is_null());
}

TEST_CASE("a lead and its events come back as JSON, only within the tenant") {
    seeded s;
    const auto id = ordered_uuid(5);
    pqxx::work tx(s.reader);
    tx.exec("SELECT set_config('app.tenant_id', 'tenant-a', true)");
    const auto lead = projections::find_lead(tx, "tenant-a", id);
    REQUIRE(lead);
    CHECK((*lead)["id"] == id);
    CHECK((*lead)["stage"] == "qualified");
    CHECK((*lead)["version"] == 3);
    CHECK((*lead)["created_at"] == "2026-03-01T10:00:00.000Z");
    CHECK((*lead)["lost_at"].is_null());
    CHECK((*lead)["tags"] == nlohmann::json::array({"vip"}));
    CHECK_FALSE(projections::find_lead(tx, "tenant-a", "not-a-uuid"));
    CHECK_FALSE(projections::find_lead(tx, "tenant-a", ordered_uuid(100))); // tenant-b's

    const auto first = projections::list_lead_events(tx, "tenant-a", id, 2, std::nullopt);
    REQUIRE(first["items"].size() == 2);
    CHECK(first["items"][0]["version"] == 1);
    CHECK(first["items"][0]["type"] == "ventros.crm.lead.created.v1");
    CHECK(first["items"][0]["time"] == "2026-03-01T10:00:00.000Z");
    CHECK(first["items"][0]["data"]["name"] == "Lead 5");
    CHECK(first["next_cursor"] == 2);
    const auto rest = projections::list_lead_events(tx, "tenant-a", id, 2, 2);
    REQUIRE(rest["items"].size() == 1);
    CHECK(rest["items"][0]["version"] == 3);
    CHECK(rest["next_cursor"].is_null());
}

TEST_CASE("a query naming another tenant still sees only the transaction's tenant") {
    seeded s;
    pqxx::work tx(s.reader);
    tx.exec("SELECT set_config('app.tenant_id', 'tenant-a', true)");
    lead_filter f;
    f.tenant_id = "tenant-b";
    CHECK(projections::list_leads(tx, f).items == "[]");
}

TEST_CASE("a cursor that is not a lead id is refused before querying") {
    seeded s;
    lead_filter f;
    f.after_lead_id = "garbage";
    CHECK_THROWS_AS(s.list(f), std::invalid_argument);
}
