#include "jwt_secret.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ventros::app {
namespace {

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
}

} // namespace

std::string load_jwt_secret() {
    if (const char* secret = std::getenv("VENTROS_JWT_SECRET"); secret != nullptr && *secret) {
        return secret;
    }
    const char* file = std::getenv("VENTROS_JWT_SECRET_FILE");
    const std::string path = file != nullptr && *file ? file : ".local/jwt-secret";
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto secret = trimmed(text.str());
    if (secret.empty()) {
        std::cerr << "no JWT secret: set VENTROS_JWT_SECRET or run scripts/up once to create "
                  << path << "\n";
        throw CLI::RuntimeError(2);
    }
    return secret;
}

} // namespace ventros::app
