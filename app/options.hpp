#pragma once

#include "ventros/eventlog/kafka_config.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace ventros::app {

/// PostgreSQL location; each process connects with its own role.
struct pg_options {
    std::string host = "127.0.0.1";
    int port = 15432;
    std::string database = "ventros";
    std::string admin_user = "postgres";

    /// libpq connection string for `user` (password, if any, from PGPASSWORD).
    std::string conninfo(const std::string& user) const;
};

/// Options every subcommand that talks to Kafka or PostgreSQL shares.
struct common_options {
    eventlog::kafka_config kafka;
    pg_options pg;
    std::string log_level = "info";
};

/// Adds the Kafka options (`--kafka-brokers`, `--topic-prefix`, `--partitions`) with their
/// VENTROS_* environment variables to a subcommand.
void add_kafka_options(CLI::App& command, eventlog::kafka_config& kafka);

/// Adds `--pg-host`, `--pg-port`, `--pg-database` (and `--pg-admin-user`).
void add_pg_options(CLI::App& command, pg_options& pg);

/// Adds `--log-level` (VENTROS_LOG_LEVEL).
void add_log_options(CLI::App& command, std::string& level);

/// The default broker list: 127.0.0.1 on VENTROS_KAFKA_PORT (default 19092).
std::string default_brokers();

} // namespace ventros::app
