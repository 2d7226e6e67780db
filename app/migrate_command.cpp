#include "options.hpp"
#include "subcommands.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/projections/schema_migrator.hpp"
#include "ventros/telemetry/log.hpp"

#include <memory>

namespace ventros::app {
namespace {

struct migrate_options {
    common_options common;
    std::string migrations_dir = "migrations";
    bool skip_kafka = false;
};

void run_migrate(const migrate_options& o) {
    telemetry::set_log_level(o.common.log_level);
    const telemetry::logger log("migrate");
    try {
        const auto applied = projections::apply_migrations(
            o.common.pg.conninfo(o.common.pg.admin_user), o.migrations_dir, log);
        log.info("database schema up to date", {{"applied", applied}});
        if (!o.skip_kafka) {
            eventlog::ensure_topics(o.common.kafka, std::chrono::seconds(30));
            log.info("topics ready", {{"prefix", o.common.kafka.topic_prefix},
                                      {"partitions", o.common.kafka.partitions}});
        }
    } catch (const std::exception& e) {
        log.error("migration failed", {{"error", e.what()}});
        throw CLI::RuntimeError(1);
    }
}

} // namespace

void add_migrate_command(CLI::App& root) {
    auto options = std::make_shared<migrate_options>();
    auto* command = root.add_subcommand(
        "migrate", "Apply migrations/*.sql in order and create the Kafka topics (idempotent)");
    add_kafka_options(*command, options->common.kafka);
    add_pg_options(*command, options->common.pg);
    add_log_options(*command, options->common.log_level);
    command->add_option("--migrations-dir", options->migrations_dir, "folder of NNNN_*.sql files")
        ->envname("VENTROS_MIGRATIONS_DIR")
        ->capture_default_str();
    command->add_flag("--skip-kafka", options->skip_kafka, "only migrate PostgreSQL");
    command->callback([options] { run_migrate(*options); });
}

} // namespace ventros::app
