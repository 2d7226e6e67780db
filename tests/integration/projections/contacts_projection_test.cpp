// Pins the contacts projection on PostgreSQL: contact and company events land in their rows
// (links as arrays, a merge on both contacts), journals get one row per applied event,
// other events are ignored, replays change nothing, bad ids and gaps are rejected in log
// order, and a rebuild's mapping is honoured.
#include "sales_events_fixture.hpp"
#include "ventros/projections/contacts_projection.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using test::ordered_uuid;

namespace {

const std::vector<std::string> all_tables{"companies", "company_events", "contacts",
                                          "contact_events"};

struct fixture : test::projection_fixture<projections::contacts_projection> {
    const std::string company = ordered_uuid(30);
    const std::string survivor = ordered_uuid(41);
    const std::string merged = ordered_uuid(42);
    const std::string lead = ordered_uuid(50);
    const std::string deal = ordered_uuid(60);

    std::vector<projections::decoded_event> batch() {
        const domain::contact_id s(survivor);
        const domain::contact_id m(merged);
        const domain::company_id c(company);
        return {
            make.make("tenant-a", 1,
                      domain::company_event(domain::company_created{
                          .id = c, .name = "Acme", .domain = "acme.com.br", .size = std::nullopt})),
            make.make("tenant-a", 1,
                      domain::contact_event(domain::contact_created{.id = s, .name = "Maria"}),
                      "2026-03-01T10:00:00.000Z"),
            make.make("tenant-a", 1,
                      domain::contact_event(domain::contact_created{.id = m,
                                                                    .name = "M. Silva",
                                                                    .email = "m@acme.com.br",
                                                                    .phone = "+5511987654321",
                                                                    .position = "CFO",
                                                                    .company = c})),
            make.make("tenant-a", 2,
                      domain::contact_event(domain::contact_linked{m, domain::lead_id(lead)})),
            make.make("tenant-a", 3,
                      domain::contact_event(domain::contact_linked{m, domain::deal_id(deal)})),
            make.make("tenant-a", 2,
                      domain::company_event(domain::company_updated{
                          .id = c,
                          .industry = std::optional<std::string>("Varejo"),
                          .size = std::optional(domain::company_size::from_11_to_50)})),
            make.make("tenant-a", 2,
                      domain::contact_event(domain::contact_absorbed{
                          .id = s,
                          .absorbed = m,
                          .email = "m@acme.com.br",
                          .phone = "+5511987654321",
                          .position = "CFO",
                          .company = c,
                          .links = {domain::lead_id(lead), domain::deal_id(deal)}}),
                      "2026-03-01T10:00:05.000Z"),
            make.make("tenant-a", 4, domain::contact_event(domain::contact_merged{m, s})),
            make.make("tenant-a", 3,
                      domain::contact_event(domain::contact_unlinked{s, domain::deal_id(deal)}),
                      "2026-03-01T10:00:06.000Z"),
            make.make("tenant-a", 1, test::created(lead, "The lead")),
        };
    }

    nlohmann::json contact(const std::string& id, const std::string& table = "contacts") {
        return only_row(table, "contact_id = " + conn.quote(id) + "::uuid");
    }

    std::string snapshot() { return digest(all_tables); }
};

} // namespace

TEST_CASE("contact and company events become the expected rows; other events are ignored") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 9);
    CHECK(result.skipped == 0);
    CHECK(result.rejected.empty());

    const auto s = f.contact(f.survivor);
    CHECK(s["name"] == "Maria");
    CHECK(s["email"] == "m@acme.com.br");
    CHECK(s["phone"] == "+5511987654321");
    CHECK(s["position"] == "CFO");
    CHECK(s["company_id"] == f.company);
    CHECK(s["lead_ids"] == nlohmann::json::array({f.lead}));
    CHECK(s["deal_ids"] == nlohmann::json::array());
    CHECK(s["merged_into"].is_null());
    CHECK(s["created_by"] == "user-1");
    CHECK(s["version"] == 3);

    const auto m = f.contact(f.merged);
    CHECK(m["merged_into"] == f.survivor);
    CHECK(m["lead_ids"] == nlohmann::json::array());
    CHECK(m["email"] == "m@acme.com.br"); // shown as it was; only the index forgets it
    CHECK(m["version"] == 4);

    const auto c = f.only_row("companies");
    CHECK(c["domain"] == "acme.com.br");
    CHECK(c["industry"] == "Varejo");
    CHECK(c["size"] == "11-50");
    CHECK(c["version"] == 2);

    pqxx::read_transaction tx(f.conn);
    CHECK(
        tx.exec1(
              "SELECT created_at = '2026-03-01T10:00:00Z' AND updated_at = '2026-03-01T10:00:06Z' "
              "FROM contacts WHERE contact_id = '" +
              f.survivor + "'")[0]
            .as<bool>());
    CHECK(tx.exec1("SELECT count(*) FROM leads")[0].as<int>() == 0);
    CHECK(tx.exec1("SELECT count(*) FROM contact_events")[0].as<int>() == 7);
    CHECK(tx.exec1("SELECT count(*) FROM company_events")[0].as<int>() == 2);
    const auto merge_types = tx.exec("SELECT type FROM contact_events WHERE "
                                     "type LIKE '%merged%' OR type LIKE '%absorbed%' "
                                     "ORDER BY \"offset\"");
    REQUIRE(merge_types.size() == 2);
    CHECK(merge_types[0][0].as<std::string>() == "ventros.crm.contact.absorbed.v1");
    CHECK(merge_types[1][0].as<std::string>() == "ventros.crm.contact.merged.v1");
}

TEST_CASE("re-applying contact events, whole or overlapping, changes nothing") {
    fixture f;
    const auto events = f.batch();
    f.apply({events.begin(), events.begin() + 5});
    const auto rest = f.apply(events);
    CHECK(rest.applied == 4);
    CHECK(rest.skipped == 5);
    const auto before = f.snapshot();
    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == 9);
    CHECK(f.snapshot() == before);

    fixture one;
    one.apply(one.batch());
    CHECK(one.snapshot() == before);
}

TEST_CASE("bad ids, gaps and a first event that is not a creation are rejected in log order") {
    fixture f;
    const auto events = f.batch();
    const domain::contact_id s(f.survivor);
    const auto bad_link = f.make.make(
        "tenant-a", 2, domain::contact_event(domain::contact_linked{s, domain::lead_id("nope")}));
    const auto bad_company = f.make.make("tenant-a", 1,
                                         domain::company_event(domain::company_created{
                                             .id = domain::company_id("acme"), .name = "A"}));
    const auto not_created =
        f.make.make("tenant-a", 1,
                    domain::contact_event(domain::contact_linked{
                        domain::contact_id(ordered_uuid(49)), domain::lead_id(f.lead)}));
    const auto result = f.apply({events[1], not_created, bad_link, bad_company, events[0]});
    CHECK(result.applied == 2);
    REQUIRE(result.rejected.size() == 3);
    CHECK(result.rejected[0].index == 1);
    CHECK(result.rejected[0].detail.find("creation") != std::string::npos);
    CHECK(result.rejected[1].index == 2);
    CHECK(result.rejected[1].detail.find("nope") != std::string::npos);
    CHECK(result.rejected[2].index == 3);
    const auto gap = f.apply({events[8]});
    REQUIRE(gap.rejected.size() == 1);
    CHECK(gap.rejected[0].detail.find("gap") != std::string::npos);
}

TEST_CASE("contact rows and journals go to the tables the mapping names") {
    fixture f;
    test::create_shadow_tables(f.db, all_tables);
    f.apply(f.batch(), projections::table_names::with_suffix(all_tables, "_rebuild"));
    CHECK(test::count_rows(f.conn, "contacts") == 0);
    CHECK(test::count_rows(f.conn, "companies") == 0);
    CHECK(test::count_rows(f.conn, "contact_events_rebuild") == 7);
    CHECK(test::count_rows(f.conn, "company_events_rebuild") == 2);
    CHECK(f.contact(f.merged, "contacts_rebuild")["merged_into"] == f.survivor);
}
