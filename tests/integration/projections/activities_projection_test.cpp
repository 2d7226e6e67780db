// Pins the activities projection on PostgreSQL: every activity event type lands in the row
// (completion at the event's time), the journal has one row per applied event, other events
// are ignored, replays change nothing, gaps and bad ids are rejected, and a rebuild's
// mapping is honoured.
#include "sales_events_fixture.hpp"
#include "ventros/projections/activities_projection.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using test::ordered_uuid;

namespace {

domain::timestamp at(const char* text) {
    return *domain::parse_rfc3339(text);
}

struct fixture : test::projection_fixture<projections::activities_projection> {
    const std::string call = ordered_uuid(61);
    const std::string note = ordered_uuid(62);
    const std::string lead = ordered_uuid(40);
    const std::string deal = ordered_uuid(41);
    const std::string contact = ordered_uuid(42);

    std::vector<projections::decoded_event> batch() {
        const domain::activity_id c(call);
        const domain::activity_id n(note);
        return {
            make.make("tenant-a", 1,
                      domain::activity_created{.id = c,
                                               .kind = domain::activity_kind::call,
                                               .subject = "Ligar",
                                               .description = "sobre a proposta",
                                               .due_at = at("2026-03-02T09:00:00Z"),
                                               .assignee = domain::user_id("u-ana"),
                                               .links = {.lead = domain::lead_id(lead)}},
                      "2026-03-01T10:00:00.000Z"),
            make.make("tenant-a", 1, test::created(lead, "The lead")),
            make.make("tenant-a", 2,
                      domain::activity_updated{
                          .id = c,
                          .subject = "Ligar de novo",
                          .description = std::optional<std::string>(),
                          .due_at = std::optional(at("2026-03-03T09:30:00.250-03:00")),
                          .assignee = domain::user_id("u-bruno"),
                          .deal = std::optional(domain::deal_id(deal)),
                          .contact = std::optional(domain::contact_id(contact))},
                      "2026-03-01T10:00:01.000Z"),
            make.make("tenant-a", 3, domain::activity_completed{.id = c, .outcome = "Fechou"},
                      "2026-03-01T10:00:04.500Z"),
            make.make("tenant-b", 1,
                      domain::activity_created{.id = n,
                                               .kind = domain::activity_kind::note,
                                               .subject = "Nota",
                                               .assignee = domain::user_id("u-carla"),
                                               .links = {.contact = domain::contact_id(contact)}}),
        };
    }

    nlohmann::json row(const std::string& tenant, const std::string& activity,
                       const std::string& table = "activities") {
        return only_row(table, "tenant_id = " + conn.quote(tenant) +
                                   " AND activity_id = " + conn.quote(activity) + "::uuid");
    }

    std::string snapshot() { return digest({"activities", "activity_events"}); }
};

} // namespace

TEST_CASE("activity events become the expected rows and other events are ignored") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 4);
    CHECK(result.skipped == 0);
    CHECK(result.rejected.empty());

    const auto c = f.row("tenant-a", f.call);
    CHECK(c["kind"] == "call");
    CHECK(c["subject"] == "Ligar de novo");
    CHECK(c["description"].is_null());
    CHECK(c["assignee_id"] == "u-bruno");
    CHECK(c["lead_id"] == f.lead);
    CHECK(c["deal_id"] == f.deal);
    CHECK(c["contact_id"] == f.contact);
    CHECK(c["outcome"] == "Fechou");
    CHECK(c["created_by"] == "user-1");
    CHECK(c["version"] == 3);

    const auto n = f.row("tenant-b", f.note);
    CHECK(n["kind"] == "note");
    CHECK(n["due_at"].is_null());
    CHECK(n["lead_id"].is_null());
    CHECK(n["completed_at"].is_null());
    CHECK(n["outcome"].is_null());

    pqxx::read_transaction tx(f.conn);
    CHECK(tx.exec1("SELECT due_at = '2026-03-03T12:30:00.250Z' AND "
                   "completed_at = '2026-03-01T10:00:04.500Z' AND updated_at = completed_at AND "
                   "created_at = '2026-03-01T10:00:00Z' FROM activities "
                   "WHERE tenant_id = 'tenant-a'")[0]
              .as<bool>());
    CHECK(tx.exec1("SELECT count(*) FROM leads")[0].as<int>() == 0);
}

TEST_CASE("the activity journal has one row per applied event with its type and data") {
    fixture f;
    const auto events = f.batch();
    f.apply(events);
    pqxx::read_transaction tx(f.conn);
    const auto rows = tx.exec_params(
        "SELECT version, type, data::text, occurred_at = '2026-03-01T10:00:04.500Z', "
        "event_id::text FROM activity_events WHERE activity_id = $1::uuid ORDER BY version",
        f.call);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0][1].as<std::string>() == "ventros.crm.activity.created.v1");
    CHECK(rows[2][1].as<std::string>() == "ventros.crm.activity.completed.v1");
    CHECK(nlohmann::json::parse(rows[2][2].c_str())["outcome"] == "Fechou");
    CHECK(rows[2][3].as<bool>());
    CHECK(rows[2][4].as<std::string>() == events[3].attributes.id);
    CHECK(tx.exec1("SELECT count(*) FROM activity_events")[0].as<int>() == 4);
}

TEST_CASE("re-applying activity events, whole or overlapping, changes nothing") {
    fixture f;
    const auto events = f.batch();
    f.apply({events.begin(), events.begin() + 3});
    const auto rest = f.apply(events);
    CHECK(rest.applied == 2);
    CHECK(rest.skipped == 2);
    const auto before = f.snapshot();
    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == 4);
    CHECK(f.snapshot() == before);

    fixture one;
    one.apply(one.batch());
    CHECK(one.snapshot() == before);
}

TEST_CASE("an activity version gap, a first event that is not activity.created or a bad id is "
          "rejected") {
    fixture f;
    const auto events = f.batch();
    domain::activity_created bad_link{.id = domain::activity_id(ordered_uuid(70)),
                                      .subject = "x",
                                      .assignee = domain::user_id("u"),
                                      .links = {.deal = domain::deal_id("deal-7")}};
    const auto result =
        f.apply({events[0], events[3], f.make.make("tenant-a", 1, bad_link),
                 f.make.make("tenant-b", 1,
                             domain::activity_completed{.id = domain::activity_id(f.note),
                                                        .outcome = "x"})});
    CHECK(result.applied == 1);
    REQUIRE(result.rejected.size() == 3);
    CHECK(result.rejected[0].detail.find("gap") != std::string::npos);
    CHECK(result.rejected[1].detail.find("deal-7") != std::string::npos);
    CHECK(result.rejected[2].detail.find("activity.created") != std::string::npos);
    CHECK(test::count_rows(f.conn, "activities") == 1);
}

TEST_CASE("activity rows and journal go to the tables the mapping names") {
    fixture f;
    test::create_shadow_tables(f.db, {"activities", "activity_events"});
    f.apply(f.batch(),
            projections::table_names::with_suffix({"activities", "activity_events"}, "_rebuild"));
    CHECK(test::count_rows(f.conn, "activities") == 0);
    CHECK(test::count_rows(f.conn, "activity_events_rebuild") == 4);
    CHECK(f.row("tenant-a", f.call, "activities_rebuild")["outcome"] == "Fechou");
}

TEST_CASE("a reopened activity is open again, without outcome or completion time") {
    fixture f;
    const auto events = f.batch();
    f.apply(events);
    f.apply(
        {f.make.make("tenant-a", 4, domain::activity_reopened{.id = domain::activity_id(f.call)})});
    const auto c = f.row("tenant-a", f.call);
    CHECK(c["outcome"].is_null());
    CHECK(c["completed_at"].is_null());
    CHECK(c["version"] == 4);
    CHECK(c["subject"] == "Ligar de novo");
}
