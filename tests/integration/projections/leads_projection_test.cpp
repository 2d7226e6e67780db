// Pins the leads projection on PostgreSQL: one batch gives the expected rows, re-applying
// it changes nothing, the journal has one row per event, gaps are rejected, and
// checkpoints are saved monotonically with a NOTIFY on commit.
#include "lead_events_fixture.hpp"
#include "pg_database.hpp"
#include "ventros/projections/checkpoints.hpp"
#include "ventros/projections/leads_projection.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using test::created;
using test::ordered_uuid;

namespace {

struct fixture {
    test::pg_database db;
    pqxx::connection conn;
    projections::leads_projection leads;
    test::event_factory make;
    const std::string lead_a = ordered_uuid(1);
    const std::string lead_b = ordered_uuid(2);

    fixture() : conn((migrate(db), db.conninfo("ventros_projector"))) {}

    static void migrate(const test::pg_database& db) {
        projections::apply_migrations(db.conninfo(), test::migrations_dir(),
                                      telemetry::logger{"projection-test"});
    }

    std::vector<projections::decoded_event> batch() {
        domain::lead_scored scored;
        scored.id = domain::lead_id(lead_a);
        scored.answers.budget = domain::budget_answer::above_10000;
        scored.answers.authority = domain::authority_answer::decision_maker;
        scored.points = {50, 30, 0, 0};
        scored.score = 80;
        scored.stage = domain::lead_stage::qualified;
        domain::lead_updated updated;
        updated.id = domain::lead_id(lead_a);
        updated.company = std::optional<std::string>("Acme");
        updated.email.emplace(std::nullopt);
        return {
            make.make("tenant-a", 1, created(lead_a, "Ana", "ana@example.com"),
                      "2026-03-01T10:00:00.000Z"),
            make.make("tenant-b", 1, created(lead_b, "Bruno"), "2026-03-01T10:00:01.000Z"),
            make.make("tenant-a", 2, updated, "2026-03-01T10:00:02.000Z"),
            make.make("tenant-a", 3, scored, "2026-03-01T10:00:03.000Z"),
            make.make("tenant-a", 4, domain::lead_qualified{domain::lead_id(lead_a), 80},
                      "2026-03-01T10:00:04.000Z"),
            make.make("tenant-a", 5,
                      domain::lead_assigned{domain::lead_id(lead_a), domain::user_id("agent-7"),
                                            domain::role::agent, std::nullopt},
                      "2026-03-01T10:00:05.000Z"),
            make.make("tenant-a", 6,
                      domain::lead_converted{domain::lead_id(lead_a),
                                             domain::deal_id(ordered_uuid(99)), 80},
                      "2026-03-01T10:00:06.123Z"),
            make.make("tenant-b", 2, domain::lead_lost{domain::lead_id(lead_b), "no budget"},
                      "2026-03-01T10:00:07.000Z"),
        };
    }

    projections::apply_result apply(const std::vector<projections::decoded_event>& events) {
        pqxx::work tx(conn);
        auto result = leads.apply(tx, events, projections::table_names{});
        tx.commit();
        return result;
    }

    std::string snapshot() {
        pqxx::read_transaction tx(conn);
        return tx
            .exec1("SELECT coalesce(md5(string_agg(l::text, '|' ORDER BY tenant_id, lead_id)), "
                   "'') || '/' || (SELECT coalesce(md5(string_agg(e::text, '|' ORDER BY "
                   "tenant_id, lead_id, version)), '') FROM lead_events e) FROM leads l")[0]
            .as<std::string>();
    }

    nlohmann::json row(const std::string& tenant, const std::string& lead) {
        pqxx::read_transaction tx(conn);
        return nlohmann::json::parse(
            tx.exec_params1("SELECT row_to_json(l)::text FROM leads l WHERE tenant_id = $1 AND "
                            "lead_id = $2::uuid",
                            tenant, lead)[0]
                .c_str());
    }
};

} // namespace

TEST_CASE("a batch of lead events becomes the expected rows") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 8);
    CHECK(result.rejected.empty());

    const auto a = f.row("tenant-a", f.lead_a);
    CHECK(a["name"] == "Ana");
    CHECK(a["email"].is_null());
    CHECK(a["company"] == "Acme");
    CHECK(a["stage"] == "converted");
    CHECK(a["score"] == 80);
    CHECK(a["assigned_to"] == "agent-7");
    CHECK(a["deal_id"] == ordered_uuid(99));
    CHECK(a["version"] == 6);
    CHECK(a["tags"] == nlohmann::json::array({"vip"}));
    CHECK(a["custom_fields"]["segment"] == "retail");
    CHECK(a["bant"]["points"]["budget"] == 50);
    CHECK(a["bant"]["threshold"] == 70);
    CHECK(a["bant"]["answers"]["budget"] == "above_10000");

    pqxx::read_transaction tx(f.conn);
    const auto times = tx.exec_params1(
        "SELECT created_at = '2026-03-01T10:00:00Z', qualified_at = '2026-03-01T10:00:04Z', "
        "converted_at = '2026-03-01T10:00:06.123Z', updated_at = converted_at "
        "FROM leads WHERE lead_id = $1::uuid",
        f.lead_a);
    for (const auto& same : times) {
        CHECK(same.as<bool>());
    }
    const auto b = tx.exec_params1("SELECT stage, lost_reason, lost_at IS NOT NULL, version FROM "
                                   "leads WHERE tenant_id = 'tenant-b' AND lead_id = $1::uuid",
                                   f.lead_b);
    CHECK(b[0].as<std::string>() == "lost");
    CHECK(b[1].as<std::string>() == "no budget");
    CHECK(b[2].as<bool>());
    CHECK(b[3].as<int>() == 2);
}

TEST_CASE("re-applying a batch changes nothing and the journal keeps one row per event") {
    fixture f;
    const auto events = f.batch();
    f.apply(events);
    const auto before = f.snapshot();

    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == events.size());
    CHECK(f.snapshot() == before);

    pqxx::read_transaction tx(f.conn);
    CHECK(tx.exec1("SELECT count(*) FROM lead_events")[0].as<std::size_t>() == events.size());
    CHECK(tx.exec1("SELECT count(DISTINCT event_id) FROM lead_events")[0].as<std::size_t>() ==
          events.size());
}

TEST_CASE("applying in two overlapping batches gives the same rows as one batch") {
    fixture one;
    one.apply(one.batch());

    fixture two;
    const auto events = two.batch();
    two.apply({events.begin(), events.begin() + 5});
    two.apply(events); // overlaps the first five: they are skipped
    CHECK(two.snapshot() == one.snapshot());
}

TEST_CASE("a version gap or an event before lead.created is rejected, not applied") {
    fixture f;
    const auto events = f.batch();
    const auto result = f.apply({events[0], events[3], events[7]}); // a:1, a:3 (gap), b:2
    CHECK(result.applied == 1);
    REQUIRE(result.rejected.size() == 2);
    CHECK(result.rejected[0].index == 1);
    CHECK(result.rejected[0].detail.find("gap") != std::string::npos);
    CHECK(result.rejected[1].index == 2);
    CHECK(f.row("tenant-a", f.lead_a)["version"] == 1);
}

TEST_CASE("the same lead id in two tenants is two rows") {
    fixture f;
    const auto result = f.apply({f.make.make("tenant-a", 1, created(f.lead_a, "Ana")),
                                 f.make.make("tenant-b", 1, created(f.lead_a, "Outra"))});
    CHECK(result.applied == 2);
    CHECK(f.row("tenant-a", f.lead_a)["name"] == "Ana");
    CHECK(f.row("tenant-b", f.lead_a)["name"] == "Outra");
}

TEST_CASE("text with COPY and array metacharacters survives a write, a reload and a rewrite") {
    fixture f;
    const std::string name = "Ana\t\"Bee\" \\N\nline\r\\";
    const std::vector<std::string> tags{"a,b", "\"q\"", "back\\slash", "tab\t", "NULL", "{}", ""};
    const domain::custom_fields custom{{"k\t\\", "v\n\"x\""}};
    auto lead = created(f.lead_a, name);
    lead.tags = tags;
    lead.custom = custom;
    f.apply({f.make.make("tenant-a", 1, lead)});
    // The second batch loads the row back as text and writes it again.
    f.apply({f.make.make("tenant-a", 2, domain::lead_lost{domain::lead_id(f.lead_a), "why\t\\"})});

    const auto row = f.row("tenant-a", f.lead_a);
    CHECK(row["version"] == 2);
    CHECK(row["name"] == name);
    CHECK(row["tags"] == nlohmann::json(tags));
    CHECK(row["custom_fields"] == nlohmann::json(custom));
    CHECK(row["lost_reason"] == "why\t\\");
}

TEST_CASE("a bulk load gives the same rows and journal as applying, and the same results") {
    fixture applied;
    const auto events = applied.batch();
    const auto expected = applied.apply({events.begin(), events.begin() + 5});
    applied.apply({events.begin() + 5, events.end()});

    // Both leads fit in memory; with room for one, the rows are written after the first
    // batch and the second is applied.
    for (const std::size_t rows_in_memory : {2, 1}) {
        CAPTURE(rows_in_memory);
        fixture loaded;
        const projections::leads_projection projection(rows_in_memory);
        const auto load = projection.start_bulk_load(projections::table_names{});
        projections::apply_result first;
        {
            pqxx::work tx(loaded.conn);
            first = load->add(tx, {events.begin(), events.begin() + 5});
            tx.commit();
        }
        {
            pqxx::work tx(loaded.conn);
            const auto again = load->add(tx, events); // the first five are skipped
            CHECK(again.applied == events.size() - 5);
            CHECK(again.skipped == 5);
            load->finish(tx);
            tx.commit();
        }
        CHECK(first.applied == expected.applied);
        CHECK(loaded.snapshot() == applied.snapshot());
    }
}

namespace {

class payloads final : public pqxx::notification_receiver {
public:
    using pqxx::notification_receiver::notification_receiver;
    void operator()(const std::string& payload, int) override { received.push_back(payload); }
    std::vector<std::string> received;
};

} // namespace

TEST_CASE("checkpoints never move backwards and each save notifies its positions on commit") {
    fixture f;
    pqxx::connection listener(f.db.conninfo());
    payloads notes(listener, projections::checkpoint_channel);
    {
        pqxx::work tx(f.conn);
        projections::save_checkpoints(tx, "leads", {{{"ventros.crm", 3}, 1235}});
        CHECK(listener.get_notifs() == 0); // nothing before commit
        tx.commit();
    }
    for (int i = 0; i < 50 && notes.received.empty(); ++i) {
        listener.await_notification(0, 100000);
    }
    REQUIRE(notes.received.size() == 1);
    const auto payload = nlohmann::json::parse(notes.received[0]);
    CHECK(payload["projection"] == "leads");
    CHECK(payload["topic"] == "ventros.crm");
    CHECK(payload["positions"]["3"] == 1235);

    {
        pqxx::work tx(f.conn);
        projections::save_checkpoints(tx, "leads", {{{"ventros.crm", 3}, 10}});
        tx.commit();
    }
    pqxx::read_transaction tx(f.conn);
    const auto saved = projections::read_checkpoints(tx, "leads", {"ventros.crm"});
    CHECK(saved.at({"ventros.crm", 3}) == 1235);
}
