#include "options.hpp"
#include "subcommands.hpp"
#include "ventros/projections/rebuild.hpp"
#include "ventros/telemetry/log.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace ventros::app {
namespace {

struct rebuild_options {
    common_options common;
    std::string projection;
};

void print_progress(const projections::rebuild_progress& p) {
    std::string eta = p.eta_seconds ? fmt::format("{:.0f}s", *p.eta_seconds) : "-";
    std::cerr << fmt::format("\r{:<9} {:>10}/{:<10} events  {:>9.0f} events/s  ETA {:<6}", p.phase,
                             p.events, p.target, p.events_per_second, eta)
              << std::flush;
}

void run_rebuild(const rebuild_options& o) {
    telemetry::set_log_level(o.common.log_level);
    const telemetry::logger log("rebuild");
    try {
        const auto started = std::chrono::steady_clock::now();
        const auto result = projections::rebuild_projection(
            o.projection, o.common.pg.conninfo(o.common.pg.admin_user), o.common.kafka,
            print_progress);
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cerr << "\n";
        std::cout << fmt::format("rebuilt {}: {} events in {:.1f}s ({:.0f} events/s), {} dead "
                                 "letters\n",
                                 o.projection, result.events, seconds,
                                 seconds > 0 ? static_cast<double>(result.events) / seconds : 0.0,
                                 result.dead_letters);
    } catch (const std::invalid_argument& e) {
        std::cerr << e.what() << "\n";
        throw CLI::RuntimeError(2);
    } catch (const std::exception& e) {
        std::cerr << "\n";
        log.error("rebuild failed; the live tables are untouched", {{"error", e.what()}});
        throw CLI::RuntimeError(1);
    }
}

} // namespace

void add_rebuild_command(CLI::App& root) {
    auto options = std::make_shared<rebuild_options>();
    auto* command = root.add_subcommand(
        "rebuild", "Replay the topics into fresh tables for a projection and swap them in");
    command->add_option("projection", options->projection, "projection to rebuild, e.g. leads")
        ->required();
    add_kafka_options(*command, options->common.kafka);
    add_pg_options(*command, options->common.pg);
    add_log_options(*command, options->common.log_level);
    command->callback([options] { run_rebuild(*options); });
}

} // namespace ventros::app
