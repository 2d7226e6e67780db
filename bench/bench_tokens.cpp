// Prints one development JWT per line for tenants <prefix>1 .. <prefix>N, in order,
// signed with VENTROS_JWT_SECRET like `ventros token`.
// Usage: bench_tokens --tenants 1000 [--prefix bench-] [--role admin] [--ttl 86400]
#include "ventros/gateway/jwt.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

int usage() {
    std::cerr << "usage: bench_tokens --tenants N [--prefix bench-] [--role admin] [--ttl s]\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    int tenants = 0;
    std::string prefix = "bench-";
    std::string role = "admin";
    long ttl = 86400;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--tenants") {
            tenants = std::stoi(value);
        } else if (flag == "--prefix") {
            prefix = value;
        } else if (flag == "--role") {
            role = value;
        } else if (flag == "--ttl") {
            ttl = std::stol(value);
        } else {
            return usage();
        }
    }
    const char* secret = std::getenv("VENTROS_JWT_SECRET");
    const auto parsed_role = ventros::domain::parse_role(role);
    if (tenants <= 0 || secret == nullptr || *secret == '\0' || !parsed_role) {
        std::cerr << "bench_tokens needs --tenants > 0, a known --role and VENTROS_JWT_SECRET\n";
        return usage();
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
