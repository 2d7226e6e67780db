#include "options.hpp"
#include "stop_signal.hpp"
#include "subcommands.hpp"
#include "ventros/projections/projector.hpp"
#include "ventros/projections/registry.hpp"
#include "ventros/telemetry/log.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <csignal>
#include <memory>
#include <thread>
#include <unistd.h>

namespace ventros::app {
namespace {

struct projector_command_options {
    common_options common;
    projections::projector_options projector;
    std::string metrics_address = "127.0.0.1:9464";
    long max_batch_wait_ms = 5;
    long session_timeout_ms = 45000;
};

void run_projector(projector_command_options& o) {
    telemetry::set_log_level(o.common.log_level);
    const telemetry::logger log("projector");
    o.projector.kafka = o.common.kafka;
    o.projector.conninfo = o.common.pg.conninfo("ventros_projector");
    o.projector.max_batch_wait = std::chrono::milliseconds(o.max_batch_wait_ms);
    o.projector.session_timeout = std::chrono::milliseconds(o.session_timeout_ms);

    block_stop_signals();
    telemetry::metrics metrics;
    if (o.metrics_address != "none") {
        try {
            metrics.expose(o.metrics_address);
        } catch (const std::exception& e) {
            log.error("cannot serve /metrics (is the port in use? --metrics-address none "
                      "turns it off)",
                      {{"address", o.metrics_address}, {"error", e.what()}});
            throw CLI::RuntimeError(1);
        }
    }
    projections::projector projector(o.projector, projections::all_projections(), metrics);
    std::exception_ptr failure;
    std::jthread worker([&](std::stop_token stop) {
        try {
            projector.run(stop);
        } catch (...) {
            failure = std::current_exception();
            ::kill(::getpid(), SIGTERM); // wake the signal wait below
        }
    });
    log.info("projector starting", {{"metrics", o.metrics_address}});
    const int signal = wait_for_stop_signal();
    worker.request_stop();
    worker.join();
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            log.error("projector failed", {{"error", e.what()}});
        }
        throw CLI::RuntimeError(1);
    }
    log.info("projector stopped", {{"signal", signal}});
}

} // namespace

void add_projector_command(CLI::App& root) {
    auto options = std::make_shared<projector_command_options>();
    auto* command = root.add_subcommand(
        "projector", "Consume the event topics and keep the PostgreSQL read models up to date");
    add_kafka_options(*command, options->common.kafka);
    add_pg_options(*command, options->common.pg);
    add_log_options(*command, options->common.log_level);
    command
        ->add_option("--metrics-address", options->metrics_address,
                     "host:port to serve /metrics on, or `none`")
        ->envname("VENTROS_PROJECTOR_METRICS_ADDRESS")
        ->capture_default_str();
    command
        ->add_option("--batch-records", options->projector.max_batch_records,
                     "most records per PostgreSQL transaction")
        ->envname("VENTROS_PROJECTOR_BATCH_RECORDS")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    command
        ->add_option("--batch-wait-ms", options->max_batch_wait_ms, "longest wait to fill a batch")
        ->envname("VENTROS_PROJECTOR_BATCH_WAIT_MS")
        ->check(CLI::Range(0L, 10000L))
        ->capture_default_str();
    // A projector that dies without leaving the group keeps its partitions until this
    // passes: a restarted one waits that long before it is given them back.
    command
        ->add_option("--session-timeout-ms", options->session_timeout_ms,
                     "how long the consumer group waits for a silent projector before "
                     "reassigning its partitions")
        ->envname("VENTROS_PROJECTOR_SESSION_TIMEOUT_MS")
        ->check(CLI::Range(6000L, 300000L))
        ->capture_default_str();
    command->callback([options] { run_projector(*options); });
}

} // namespace ventros::app
