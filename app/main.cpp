#include "subcommands.hpp"

int main(int argc, char** argv) {
    CLI::App root{"Ventros: event-sourced CQRS backend for a multi-tenant sales CRM"};
    root.name("ventros");
    root.require_subcommand(1);
    ventros::app::add_gateway_command(root);
    ventros::app::add_projector_command(root);
    ventros::app::add_migrate_command(root);
    ventros::app::add_rebuild_command(root);
    ventros::app::add_tail_command(root);
    ventros::app::add_token_command(root);
    try {
        root.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return root.exit(e);
    }
    return 0;
}
