#include "jwt_secret.hpp"
#include "subcommands.hpp"
#include "ventros/gateway/jwt.hpp"

#include <iostream>
#include <memory>

namespace ventros::app {
namespace {

struct token_options {
    std::string user;
    std::string tenant;
    std::string role = "admin";
    long ttl_seconds = 3600;
    gateway::jwt_config jwt;
};

} // namespace

void add_token_command(CLI::App& root) {
    auto options = std::make_shared<token_options>();
    auto* command =
        root.add_subcommand("token", "Mint a development JWT for a user, tenant and role");
    command->add_option("--user", options->user, "user id (the `sub` claim)")->required();
    command->add_option("--tenant", options->tenant, "tenant id the token grants")->required();
    command->add_option("--role", options->role, "role in that tenant")
        ->check(CLI::IsMember({"admin", "manager", "agent", "viewer"}))
        ->capture_default_str();
    command->add_option("--ttl", options->ttl_seconds, "lifetime in seconds")
        ->check(CLI::Range(1L, 366L * 24 * 3600))
        ->capture_default_str();
    command->add_option("--issuer", options->jwt.issuer, "the `iss` claim")
        ->envname("VENTROS_JWT_ISSUER")
        ->capture_default_str();
    command->add_option("--audience", options->jwt.audience, "the `aud` claim")
        ->envname("VENTROS_JWT_AUDIENCE")
        ->capture_default_str();
    command->callback([options] {
        options->jwt.secret = load_jwt_secret();
        gateway::principal who;
        who.user_id = options->user;
        who.tenants.emplace(options->tenant, *domain::parse_role(options->role));
        std::cout << gateway::sign_jwt(who, options->jwt, std::chrono::system_clock::now(),
                                       std::chrono::seconds(options->ttl_seconds))
                  << "\n";
    });
}

} // namespace ventros::app
