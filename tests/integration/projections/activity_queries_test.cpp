// Pins the gateway's activity queries as the reader role: every filter, the order by due
// time (none last) then id, pagination without duplicates or gaps, the open-due-per-assignee
// query answered from its partial index without sorting, and tenant isolation.
#include "sales_events_fixture.hpp"
#include "ventros/projections/activities_projection.hpp"
#include "ventros/projections/activity_queries.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace ventros;
using projections::activity_filter;
using test::ordered_uuid;

namespace {

const std::string lead = ordered_uuid(5000);
const std::string deal = ordered_uuid(5001);
const std::string contact = ordered_uuid(5002);
constexpr int crowd = 20; ///< extra open activities of u-ana, for paging

std::string activity(int n) {
    return ordered_uuid(static_cast<std::uint64_t>(n));
}

std::optional<domain::timestamp> at(const char* text) {
    return domain::parse_rfc3339(text);
}

struct seeded {
    test::pg_database db;
    pqxx::connection reader;

    seeded() : reader((seed(db), db.conninfo("ventros_reader"))) {}

    // tenant-a: 1 (ana, call, due 03-01 09:00, lead), 2 (ana, email, due 03-01 09:00, deal),
    // 3 (ana, meeting, due 03-02, contact, completed), 4 (ana, task, no due, lead),
    // 5 (bruno, call, due 03-01 08:00, lead), 100.. (ana, task, due in April or none).
    // tenant-b: 9 (ana, call, due 03-01 00:00, lead).
    static void seed(const test::pg_database& db) {
        test::migrate(db);
        test::event_factory make;
        std::vector<projections::decoded_event> events;
        const auto add = [&](const std::string& tenant, int n, const char* assignee,
                             domain::activity_kind kind, std::optional<domain::timestamp> due,
                             domain::activity_links links) {
            events.push_back(
                make.make(tenant, 1,
                          domain::activity_created{.id = domain::activity_id(activity(n)),
                                                   .kind = kind,
                                                   .subject = "Activity " + std::to_string(n),
                                                   .due_at = due,
                                                   .assignee = domain::user_id(assignee),
                                                   .links = std::move(links)}));
        };
        using domain::activity_kind;
        const domain::activity_links on_lead{.lead = domain::lead_id(lead)};
        add("tenant-a", 1, "u-ana", activity_kind::call, at("2026-03-01T09:00:00Z"), on_lead);
        add("tenant-a", 2, "u-ana", activity_kind::email, at("2026-03-01T09:00:00Z"),
            {.deal = domain::deal_id(deal)});
        add("tenant-a", 3, "u-ana", activity_kind::meeting, at("2026-03-02T00:00:00Z"),
            {.contact = domain::contact_id(contact)});
        add("tenant-a", 4, "u-ana", activity_kind::task, std::nullopt, on_lead);
        add("tenant-a", 5, "u-bruno", activity_kind::call, at("2026-03-01T08:00:00Z"), on_lead);
        for (int n = 100; n < 100 + crowd; ++n) {
            const auto due =
                n % 4 == 0 ? std::nullopt
                           : std::optional(*at("2026-04-01T00:00:00Z") + std::chrono::hours{n % 5});
            add("tenant-a", n, "u-ana", activity_kind::task, due, on_lead);
        }
        add("tenant-b", 9, "u-ana", activity_kind::call, at("2026-03-01T00:00:00Z"), on_lead);
        events.push_back(make.make(
            "tenant-a", 2,
            domain::activity_completed{.id = domain::activity_id(activity(3)), .outcome = "ok"},
            "2026-03-02T10:00:00.000Z"));

        pqxx::connection projector(db.conninfo("ventros_projector"));
        pqxx::work tx(projector);
        const auto result =
            projections::activities_projection{}.apply(tx, events, projections::table_names{});
        REQUIRE(result.rejected.empty());
        tx.exec0("ANALYZE activities");
        tx.commit();
    }

    /// Runs `query` as the reader in a transaction scoped to `tenant`.
    template <class Query>
    auto as(const std::string& tenant, Query query) {
        pqxx::work tx(reader);
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
        return query(tx);
    }

    nlohmann::json list(activity_filter filter, const std::string& tenant = "tenant-a") {
        filter.tenant_id = tenant;
        return as(tenant, [&](pqxx::transaction_base& tx) {
            const auto page = projections::list_activities(tx, filter);
            return nlohmann::json{
                {"items", nlohmann::json::parse(page.items)},
                {"next_cursor", page.last_id ? nlohmann::json(*page.last_id) : nullptr}};
        });
    }

    std::vector<std::string> ids(activity_filter filter) {
        std::vector<std::string> out;
        const auto page = list(std::move(filter));
        for (const auto& item : page["items"]) {
            out.push_back(item["id"]);
        }
        return out;
    }
};

std::vector<std::string> activity_ids(std::initializer_list<int> numbers) {
    std::vector<std::string> out;
    for (const int n : numbers) {
        out.push_back(activity(n));
    }
    return out;
}

} // namespace

TEST_CASE("open activities of an assignee due before a time, soonest first") {
    seeded s;
    activity_filter f;
    f.assignee_id = "u-ana";
    f.open = true;
    f.due_before = "2026-03-02T00:00:00.000Z";
    CHECK(s.ids(f) == activity_ids({1, 2})); // same due time: by id
    f.due_before = "2026-03-01T09:00:00.000Z";
    CHECK(s.ids(f).empty()); // strictly before
    f.due_before = "2026-03-03T00:00:00.000Z";
    CHECK(s.ids(f) == activity_ids({1, 2})); // 3 is completed
    f.assignee_id = "u-bruno";
    CHECK(s.ids(f) == activity_ids({5}));
}

TEST_CASE("each activity filter narrows the list; activities without a due time come last") {
    seeded s;
    activity_filter f;
    f.lead_id = lead;
    f.limit = 4;
    CHECK(s.ids(f) == activity_ids({5, 1, 105, 110}));
    f = {};
    f.deal_id = deal;
    CHECK(s.ids(f) == activity_ids({2}));
    f = {};
    f.contact_id = contact;
    CHECK(s.ids(f) == activity_ids({3}));
    f = {};
    f.open = false;
    CHECK(s.ids(f) == activity_ids({3}));
    f = {};
    f.kind = "call";
    CHECK(s.ids(f) == activity_ids({5, 1}));
    f = {};
    f.assignee_id = "u-ana";
    f.kind = "task";
    const auto tasks = s.ids(f);
    REQUIRE(tasks.size() == 1 + crowd);
    CHECK(tasks.back() == activity(116)); // the last of those without a due time, by id
    const auto item = s.list(f)["items"][0];
    CHECK(item["status"] == "open");
    CHECK(item["due_at"] == "2026-04-01T00:00:00.000Z");
}

TEST_CASE("activity pages follow each other without duplicates or gaps") {
    seeded s;
    activity_filter all;
    all.assignee_id = "u-ana";
    const auto expected = s.ids(all);
    REQUIRE(expected.size() == 4 + crowd);
    activity_filter f = all;
    f.limit = 5;
    std::vector<std::string> seen;
    for (int page = 0; page < 20; ++page) {
        const auto result = s.list(f);
        for (const auto& item : result["items"]) {
            seen.push_back(item["id"]);
        }
        if (result["next_cursor"].is_null()) {
            break;
        }
        CHECK(result["items"].size() == 5);
        f.after = projections::parse_activity_position(result["next_cursor"].get<std::string>());
        REQUIRE(f.after);
    }
    CHECK(seen == expected);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == seen.size());
}

TEST_CASE("the open-due-per-assignee page is read from its partial index, already in order") {
    seeded s;
    s.as("tenant-a", [](pqxx::transaction_base& tx) {
        // Without these the planner may prefer a scan and a sort of the few test rows.
        tx.exec0("SET LOCAL enable_seqscan = off");
        tx.exec0("SET LOCAL enable_sort = off");
        const auto scans = [&tx] {
            return tx
                .exec1("SELECT pg_stat_get_xact_numscans('activities_open_due_idx'::regclass)")[0]
                .as<long>();
        };
        const auto before = scans();
        activity_filter f;
        f.tenant_id = "tenant-a";
        f.assignee_id = "u-ana";
        f.open = true;
        f.due_before = "2026-04-01T03:00:00.000Z";
        f.limit = 2;
        const auto page = projections::list_activities(tx, f);
        CHECK(scans() == before + 1);
        const auto next = projections::parse_activity_position(page.last_id.value());
        REQUIRE(next);
        CHECK(next->id == activity(2));
        CHECK(next->due == "2026-03-01T09:00:00.000Z");
        return 0;
    });
}

TEST_CASE("positions parse only as a due time (or infinity) and an id") {
    CHECK(projections::parse_activity_position("infinity " + activity(1)));
    CHECK(projections::parse_activity_position("2026-03-01T09:00:00.000Z " + activity(1)));
    CHECK_FALSE(projections::parse_activity_position("infinity"));
    CHECK_FALSE(projections::parse_activity_position("soon " + activity(1)));
    CHECK_FALSE(projections::parse_activity_position("infinity not-a-uuid"));
}

TEST_CASE("an activity and its events come back as JSON, only within the tenant") {
    seeded s;
    s.as("tenant-a", [](pqxx::transaction_base& tx) {
        const auto done = projections::find_activity(tx, "tenant-a", activity(3));
        REQUIRE(done);
        CHECK((*done)["kind"] == "meeting");
        CHECK((*done)["status"] == "completed");
        CHECK((*done)["outcome"] == "ok");
        CHECK((*done)["completed_at"] == "2026-03-02T10:00:00.000Z");
        CHECK((*done)["contact_id"] == contact);
        CHECK((*done)["version"] == 2);
        CHECK_FALSE(projections::find_activity(tx, "tenant-a", "nope"));
        CHECK_FALSE(projections::find_activity(tx, "tenant-a", activity(9))); // tenant-b's
        const auto events = projections::list_activity_events(tx, "tenant-a", activity(3), 1, {});
        REQUIRE(events["items"].size() == 1);
        CHECK(events["items"][0]["type"] == "ventros.crm.activity.created.v1");
        CHECK(events["next_cursor"] == 1);
        return 0;
    });
    s.as("tenant-b", [](pqxx::transaction_base& tx) {
        activity_filter f;
        f.tenant_id = "tenant-a";
        CHECK(projections::list_activities(tx, f).items == "[]");
        CHECK_FALSE(projections::find_activity(tx, "tenant-a", activity(1)));
        f.tenant_id = "tenant-b";
        CHECK(nlohmann::json::parse(projections::list_activities(tx, f).items).size() == 1);
        return 0;
    });
}
