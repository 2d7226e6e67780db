#include "jwt_secret.hpp"
#include "options.hpp"
#include "stop_signal.hpp"
#include "subcommands.hpp"
#include "ventros/commands/write_service.hpp"
#include "ventros/gateway/checkpoint_watcher.hpp"
#include "ventros/gateway/http_server.hpp"
#include "ventros/gateway/lead_routes.hpp"
#include "ventros/gateway/operational_routes.hpp"
#include "ventros/gateway/query_pool.hpp"
#include "ventros/gateway/router.hpp"
#include "ventros/telemetry/log.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <memory>

namespace ventros::app {
namespace {

struct gateway_options {
    common_options common;
    gateway::http_server_config http;
    commands::write_service_config writer;
    gateway::jwt_config jwt;
    long batch_linger_us = 2000;
    long append_timeout_ms = 2500;
    long command_timeout_ms = 5000;
    long consistency_timeout_ms = 2000;
    long drain_timeout_ms = 10000;
    std::size_t query_connections = 8;
    bool allow_unqualified_conversion = false;
    bool canned_writes = false;
};

void run_gateway(gateway_options& o) {
    telemetry::set_log_level(o.common.log_level);
    const telemetry::logger log("gateway");
    o.jwt.secret = load_jwt_secret();
    o.writer.kafka = o.common.kafka;
    o.writer.batch_linger = std::chrono::microseconds(o.batch_linger_us);
    o.writer.append_timeout = std::chrono::milliseconds(o.append_timeout_ms);

    // Signals are taken by sigwait below; every thread started from here inherits the mask.
    block_stop_signals();
    telemetry::metrics metrics;
    commands::write_service writer(o.writer, metrics);
    gateway::query_pool queries(o.common.pg.conninfo("ventros_reader"), o.query_connections);
    gateway::checkpoint_watcher checkpoints(o.common.pg.conninfo("ventros_reader"),
                                            telemetry::logger("checkpoints"));
    gateway::router routes(metrics, telemetry::logger("http"));
    gateway::add_operational_routes(routes, metrics, [&writer, &metrics, &o] {
        const bool ready = o.canned_writes || writer.ready();
        metrics.set_ready(ready);
        return ready;
    });
    gateway::lead_routes_context leads{writer,
                                       queries,
                                       checkpoints,
                                       o.jwt,
                                       eventlog::topics::with_prefix(o.common.kafka.topic_prefix),
                                       std::chrono::milliseconds(o.command_timeout_ms),
                                       std::chrono::milliseconds(o.consistency_timeout_ms),
                                       o.allow_unqualified_conversion,
                                       o.canned_writes};
    gateway::add_lead_routes(routes, leads);
    gateway::http_server server(o.http, routes, telemetry::logger("http"));

    if (o.canned_writes) {
        log.warn("--canned-writes: write commands are answered 201 and NOT stored "
                 "(benchmark baseline only)");
    } else {
        writer.start();
    }
    checkpoints.start();
    try {
        server.start();
    } catch (const std::exception& e) {
        log.error("cannot listen",
                  {{"address", o.http.address}, {"port", o.http.port}, {"error", e.what()}});
        throw CLI::RuntimeError(1);
    }
    log.info("gateway listening",
             {{"url", "http://" + o.http.address + ":" + std::to_string(server.port())}});

    const int signal = wait_for_stop_signal();
    log.info("stopping: no new connections, draining requests", {{"signal", signal}});
    server.stop_accepting();
    const bool drained = server.drain(std::chrono::milliseconds(o.drain_timeout_ms));
    writer.stop(); // commits what is queued, then the producers are flushed and closed
    server.stop();
    checkpoints.stop();
    log.info("gateway stopped", {{"drained", drained}});
}

} // namespace

void add_gateway_command(CLI::App& root) {
    auto o = std::make_shared<gateway_options>();
    auto* command = root.add_subcommand("gateway", "Serve the HTTP API: commands to Kafka, "
                                                   "queries from PostgreSQL");
    add_kafka_options(*command, o->common.kafka);
    add_pg_options(*command, o->common.pg);
    add_log_options(*command, o->common.log_level);
    command->add_option("--http-address", o->http.address, "address to listen on")
        ->envname("VENTROS_HTTP_ADDRESS")
        ->capture_default_str();
    command->add_option("--http-port", o->http.port, "port to listen on (0: any free port)")
        ->envname("VENTROS_HTTP_PORT")
        ->capture_default_str();
    command->add_option("--io-threads", o->http.io_threads, "HTTP I/O threads")
        ->envname("VENTROS_IO_THREADS")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    command
        ->add_option("--writer-shards", o->writer.shards,
                     "transactional producers appending in parallel")
        ->envname("VENTROS_WRITER_SHARDS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    command
        ->add_option("--batch-linger-us", o->batch_linger_us,
                     "how long a writer waits to group commands into one transaction")
        ->envname("VENTROS_BATCH_LINGER_US")
        ->check(CLI::Range(0L, 1000000L))
        ->capture_default_str();
    command
        ->add_option("--transaction-lanes", o->writer.transaction_lanes,
                     "transactional ids each writer shard rotates over, so a transaction "
                     "need not wait for the previous one's commit markers")
        ->envname("VENTROS_TRANSACTION_LANES")
        ->check(CLI::Range(1, 8))
        ->capture_default_str();
    command->add_option("--batch-max", o->writer.batch_max, "most commands per transaction")
        ->envname("VENTROS_BATCH_MAX")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command
        ->add_option("--append-timeout-ms", o->append_timeout_ms, "bound on one Kafka transaction")
        ->envname("VENTROS_APPEND_TIMEOUT_MS")
        ->check(CLI::Range(100L, 120000L))
        ->capture_default_str();
    command
        ->add_option("--command-timeout-ms", o->command_timeout_ms,
                     "a command not started by then is answered 503")
        ->envname("VENTROS_COMMAND_TIMEOUT_MS")
        ->check(CLI::Range(100L, 120000L))
        ->capture_default_str();
    command
        ->add_option("--consistency-timeout-ms", o->consistency_timeout_ms,
                     "longest wait for ?consistency=<token>")
        ->envname("VENTROS_CONSISTENCY_TIMEOUT_MS")
        ->check(CLI::Range(0L, 60000L))
        ->capture_default_str();
    command
        ->add_option("--query-connections", o->query_connections,
                     "PostgreSQL connections for queries")
        ->envname("VENTROS_QUERY_CONNECTIONS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    command
        ->add_option("--read-timeout-s", o->http.read_timeout,
                     "a client must send a whole request within this time")
        ->envname("VENTROS_READ_TIMEOUT_S")
        ->capture_default_str();
    command
        ->add_option("--idempotency-window-h", o->writer.idempotency_window,
                     "how long Idempotency-Keys are remembered")
        ->envname("VENTROS_IDEMPOTENCY_WINDOW_H")
        ->capture_default_str();
    command
        ->add_flag("--allow-unqualified-conversion", o->allow_unqualified_conversion,
                   "let leads below the BANT threshold convert")
        ->envname("VENTROS_ALLOW_UNQUALIFIED_CONVERSION");
    command
        ->add_flag("--canned-writes", o->canned_writes,
                   "benchmark baseline: answer write commands with a fixed 201 after "
                   "validating them, without storing anything (never in production)")
        ->envname("VENTROS_CANNED_WRITES");
    command->add_option("--jwt-issuer", o->jwt.issuer, "expected `iss`")
        ->envname("VENTROS_JWT_ISSUER")
        ->capture_default_str();
    command->add_option("--jwt-audience", o->jwt.audience, "expected `aud`")
        ->envname("VENTROS_JWT_AUDIENCE")
        ->capture_default_str();
    command->callback([o] { run_gateway(*o); });
}

} // namespace ventros::app
