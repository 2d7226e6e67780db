// Prints one development JWT per line for tenants <prefix>1 .. <prefix>N, in order,
// signed with VENTROS_JWT_SECRET like `ventros token`.
// Usage: bench_tokens --tenants 1000 [--prefix bench-] [--role admin] [--ttl 86400]
#include "ventros/gateway/jwt.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    int tenants = 0;
    std::string prefix = "bench-";
    std::string role = "admin";
    long ttl = 86400;
    CLI::App app{"One development JWT per line for tenants <prefix>1 .. <prefix>N"};
    app.add_option("--tenants", tenants)->required()->check(CLI::PositiveNumber);
    app.add_option("--prefix", prefix);
    app.add_option("--role", role);
    app.add_option("--ttl", ttl, "seconds")->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);
    const char* secret = std::getenv("VENTROS_JWT_SECRET");
    const auto parsed_role = ventros::domain::parse_role(role);
    if (secret == nullptr || *secret == '\0' || !parsed_role) {
        std::cerr << "bench_tokens needs a known --role and VENTROS_JWT_SECRET\n";
        return 2;
    }
    ventros::gateway::jwt_config config;
    config.secret = secret;
    const auto now = std::chrono::system_clock::now();
    for (int t = 1; t <= tenants; ++t) {
        ventros::gateway::principal who;
        who.user_id = "bench-user";
        who.tenants.emplace(prefix + std::to_string(t), *parsed_role);
        std::cout << ventros::gateway::sign_jwt(who, config, now, std::chrono::seconds(ttl))
                  << '\n';
    }
    return 0;
}
