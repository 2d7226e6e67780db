// Pins tenant isolation in the database: the reader role sees only the tenant set in its
// transaction, nothing without one, and cannot write.
#include "pg_database.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <doctest/doctest.h>

using namespace ventros;

namespace {

void seed_two_tenants(const test::pg_database& db) {
    projections::apply_migrations(db.conninfo(), test::migrations_dir(),
                                  telemetry::logger{"rls-test"});
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    for (const auto& [tenant, lead] :
         {std::pair{"tenant-a", "01900000-0000-7000-8000-000000000001"},
          std::pair{"tenant-a", "01900000-0000-7000-8000-000000000002"},
          std::pair{"tenant-b", "01900000-0000-7000-8000-000000000003"}}) {
        tx.exec_params0("INSERT INTO leads (tenant_id, lead_id, name, source, stage, created_by,"
                        " created_at, updated_at, version) VALUES ($1, $2::uuid, 'n', 'web', "
                        "'new', 'u', now(), now(), 1)",
                        tenant, lead);
        tx.exec_params0("INSERT INTO lead_events (tenant_id, lead_id, version, event_id, type, "
                        "occurred_at, data, topic, partition, \"offset\") VALUES ($1, $2::uuid, "
                        "1, gen_random_uuid(), 't', now(), '{}', 'x', 0, 0)",
                        tenant, lead);
    }
    tx.commit();
}

long visible(pqxx::transaction_base& tx, const std::string& table) {
    // No WHERE clause on purpose: isolation must not depend on the query.
    return tx.exec1("SELECT count(*) FROM " + table)[0].as<long>();
}

} // namespace

TEST_CASE("the reader role sees only the tenant set in its transaction") {
    test::pg_database db;
    seed_two_tenants(db);
    pqxx::connection reader(db.conninfo("ventros_reader"));
    {
        pqxx::work tx(reader);
        tx.exec("SELECT set_config('app.tenant_id', 'tenant-a', true)");
        CHECK(visible(tx, "leads") == 2);
        CHECK(visible(tx, "lead_events") == 2);
    }
    {
        pqxx::work tx(reader);
        tx.exec("SELECT set_config('app.tenant_id', 'tenant-b', true)");
        CHECK(visible(tx, "leads") == 1);
    }
}

TEST_CASE("the reader role sees nothing without a tenant, even after another transaction set one") {
    test::pg_database db;
    seed_two_tenants(db);
    pqxx::connection reader(db.conninfo("ventros_reader"));
    {
        pqxx::work tx(reader);
        tx.exec("SELECT set_config('app.tenant_id', 'tenant-a', true)");
        tx.commit();
    }
    pqxx::work tx(reader);
    CHECK(visible(tx, "leads") == 0);
    CHECK(visible(tx, "lead_events") == 0);
}

TEST_CASE("the reader role cannot write read models or checkpoints") {
    test::pg_database db;
    seed_two_tenants(db);
    pqxx::connection reader(db.conninfo("ventros_reader"));
    {
        pqxx::work tx(reader);
        tx.exec("SELECT set_config('app.tenant_id', 'tenant-a', true)");
        CHECK_THROWS_AS(tx.exec0("INSERT INTO leads (tenant_id, lead_id, name, source, stage, "
                                 "created_by, created_at, updated_at, version) VALUES "
                                 "('tenant-a', gen_random_uuid(), 'n', 'web', 'new', 'u', now(),"
                                 " now(), 1)"),
                        pqxx::insufficient_privilege);
    }
    {
        pqxx::work tx(reader);
        CHECK_THROWS_AS(tx.exec0("DELETE FROM projection_checkpoints"),
                        pqxx::insufficient_privilege);
    }
    {
        pqxx::work tx(reader);
        CHECK(tx.exec1("SELECT count(*) FROM projection_checkpoints")[0].as<long>() == 0);
    }
}

TEST_CASE("row-level security is forced on every read-model table") {
    test::pg_database db;
    seed_two_tenants(db);
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec("SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                              "WHERE relname IN ('leads', 'lead_events') ORDER BY relname");
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) {
        CHECK(row[1].as<bool>());
        CHECK(row[2].as<bool>());
    }
}
