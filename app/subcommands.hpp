#pragma once

#include <CLI/CLI.hpp>

namespace ventros::app {

/// Each adds one subcommand to the root command line; the subcommand's callback runs it
/// and throws CLI::RuntimeError with a non-zero code when it fails.
void add_gateway_command(CLI::App& root);
void add_projector_command(CLI::App& root);
void add_migrate_command(CLI::App& root);
void add_rebuild_command(CLI::App& root);
void add_tail_command(CLI::App& root);
void add_token_command(CLI::App& root);

} // namespace ventros::app
