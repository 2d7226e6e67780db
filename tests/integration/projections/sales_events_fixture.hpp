#pragma once

// Hand-built deal and pipeline events (made into decoded events by event_factory) and
// database helpers for the sales read models.

#include "lead_events_fixture.hpp"
#include "pg_database.hpp"
#include "ventros/projections/projection.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <cstdint>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ventros::test {

inline domain::pipeline_created pipeline(const std::string& id, const std::string& name,
                                         std::vector<domain::pipeline_stage> stages) {
    return {domain::pipeline_id(id), name, false, std::move(stages)};
}

inline domain::deal_created deal(const std::string& id, const std::string& pipeline_id,
                                 const std::string& stage, std::int64_t cents,
                                 const std::string& currency = "BRL", int probability = 10) {
    domain::deal_created e;
    e.id = domain::deal_id(id);
    e.title = "Deal " + id.substr(id.size() - 4);
    e.value = {cents, currency};
    e.pipeline = domain::pipeline_id(pipeline_id);
    e.stage = stage;
    e.probability = probability;
    e.owner = domain::user_id("owner-1");
    return e;
}

/// A fresh database with every migration applied.
inline void migrate(const pg_database& db) {
    projections::apply_migrations(db.conninfo(), migrations_dir(),
                                  telemetry::logger{"sales-projection-test"});
}

/// A migrated database, a connection as the projector role and one projection to apply.
template <class Projection>
struct projection_fixture {
    pg_database db;
    pqxx::connection conn;
    Projection projection;
    event_factory make;

    projection_fixture() : conn((migrate(db), db.conninfo("ventros_projector"))) {}

    /// Applies `events` in one committed transaction.
    projections::apply_result apply(const std::vector<projections::decoded_event>& events,
                                    const projections::table_names& tables = {}) {
        pqxx::work tx(conn);
        auto result = projection.apply(tx, events, tables);
        tx.commit();
        return result;
    }

    /// The one row of `table` matching `condition`, as JSON (column → value).
    nlohmann::json only_row(const std::string& table, const std::string& condition = "true") {
        pqxx::read_transaction tx(conn);
        const auto rows =
            tx.exec("SELECT row_to_json(t)::text FROM " + table + " t WHERE " + condition);
        REQUIRE(rows.size() == 1);
        return nlohmann::json::parse(rows[0][0].c_str());
    }

    /// A digest of every row of `tables`: equal digests, equal contents.
    std::string digest(const std::vector<std::string>& tables) {
        pqxx::read_transaction tx(conn);
        std::string all;
        for (const auto& table : tables) {
            all += tx.exec1("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                            "FROM " +
                            table + " t")[0]
                       .c_str();
            all += '/';
        }
        return all;
    }
};

/// Creates `<table>_rebuild` like each table, secured like a read model, as a rebuild does.
inline void create_shadow_tables(const pg_database& db, const std::vector<std::string>& tables) {
    pqxx::connection admin(db.conninfo());
    pqxx::work tx(admin);
    for (const auto& table : tables) {
        tx.exec0("CREATE TABLE " + table + "_rebuild (LIKE " + table + " INCLUDING ALL)");
        tx.exec("SELECT ventros_secure_read_model('" + table + "_rebuild')");
    }
    tx.commit();
}

/// `SELECT count(*)` of a table as the connection's role sees it.
inline long count_rows(pqxx::connection& conn, const std::string& table) {
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM " + table)[0].as<long>();
}

} // namespace ventros::test
