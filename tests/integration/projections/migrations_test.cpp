// Pins schema migration: apply in order once, re-apply as a no-op, refuse edited history.
#include "pg_database.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace ventros;

namespace {

const telemetry::logger quiet{"migrations-test"};

std::filesystem::path copy_of_migrations(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::copy(test::migrations_dir(), dir);
    return dir;
}

} // namespace

TEST_CASE("migrations apply every file once and re-applying changes nothing") {
    test::pg_database db;
    const auto files = std::distance(std::filesystem::directory_iterator(test::migrations_dir()),
                                     std::filesystem::directory_iterator{});
    CHECK(projections::apply_migrations(db.conninfo(), test::migrations_dir(), quiet) ==
          static_cast<std::size_t>(files));
    CHECK(projections::apply_migrations(db.conninfo(), test::migrations_dir(), quiet) == 0);

    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<long>() == files);
    CHECK(tx.exec1("SELECT min(version) FROM schema_migrations")[0].as<std::string>() == "0001");
    CHECK(tx.exec1("SELECT count(*) FROM pg_tables WHERE tablename IN "
                   "('leads', 'lead_events', 'projection_checkpoints', 'pipelines', 'deals', "
                   "'deal_events', 'metrics_leads', 'metrics_deals', 'metrics_daily', "
                   "'metrics_revenue_daily', 'metrics_open_value_daily', 'metrics_sources_daily', "
                   "'metrics_agents_daily', 'companies', 'company_events', 'contacts', "
                   "'contact_events', 'activities', 'activity_events')")[0]
              .as<long>() == 19);
}

TEST_CASE("an applied migration that was edited is refused before anything else applies") {
    test::pg_database db;
    const auto dir = copy_of_migrations(db.name());
    REQUIRE(projections::apply_migrations(db.conninfo(), dir, quiet) > 0);

    std::ofstream(dir / "0001_roles_checkpoints.sql", std::ios::app) << "\n-- edited\n";
    std::ofstream(dir / "9999_later.sql") << "CREATE TABLE later (id int);";
    CHECK_THROWS_AS(projections::apply_migrations(db.conninfo(), dir, quiet),
                    projections::migration_checksum_mismatch);

    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM pg_tables WHERE tablename = 'later'")[0].as<long>() == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a new migration file is applied after the ones already applied") {
    test::pg_database db;
    const auto dir = copy_of_migrations(db.name());
    REQUIRE(projections::apply_migrations(db.conninfo(), dir, quiet) > 0);
    std::ofstream(dir / "9999_later.sql") << "CREATE TABLE later (id int);";
    CHECK(projections::apply_migrations(db.conninfo(), dir, quiet) == 1);
    std::filesystem::remove_all(dir);
}
