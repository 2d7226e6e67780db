#include "options.hpp"

#include <cstdlib>

namespace ventros::app {

std::string pg_options::conninfo(const std::string& user) const {
    return "host=" + host + " port=" + std::to_string(port) + " dbname=" + database +
           " user=" + user + " connect_timeout=5 application_name=ventros";
}

std::string default_brokers() {
    const char* port = std::getenv("VENTROS_KAFKA_PORT");
    return std::string("127.0.0.1:") + (port != nullptr && *port != '\0' ? port : "19092");
}

void add_kafka_options(CLI::App& command, eventlog::kafka_config& kafka) {
    kafka.bootstrap_servers = default_brokers();
    command.add_option("--kafka-brokers", kafka.bootstrap_servers, "Kafka bootstrap servers")
        ->envname("VENTROS_KAFKA_BROKERS")
        ->capture_default_str();
    command.add_option("--topic-prefix", kafka.topic_prefix, "prefix of the Ventros topics")
        ->envname("VENTROS_TOPIC_PREFIX")
        ->capture_default_str();
    command.add_option("--partitions", kafka.partitions, "partitions per topic")
        ->envname("VENTROS_PARTITIONS")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
}

void add_pg_options(CLI::App& command, pg_options& pg) {
    command.add_option("--pg-host", pg.host, "PostgreSQL host")
        ->envname("VENTROS_PG_HOST")
        ->capture_default_str();
    command.add_option("--pg-port", pg.port, "PostgreSQL port")
        ->envname("VENTROS_PG_PORT")
        ->check(CLI::Range(1, 65535))
        ->capture_default_str();
    command.add_option("--pg-database", pg.database, "PostgreSQL database")
        ->envname("VENTROS_PG_DATABASE")
        ->capture_default_str();
    command.add_option("--pg-admin-user", pg.admin_user, "role that owns the schema")
        ->envname("VENTROS_PG_ADMIN_USER")
        ->capture_default_str();
}

void add_log_options(CLI::App& command, std::string& level) {
    command.add_option("--log-level", level, "debug, info, warn or error")
        ->envname("VENTROS_LOG_LEVEL")
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
        ->capture_default_str();
}

} // namespace ventros::app
