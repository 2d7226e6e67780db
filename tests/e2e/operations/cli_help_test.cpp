#include "operations_support.hpp"

#include <doctest/doctest.h>

namespace ventros::operations_e2e {

TEST_CASE("every subcommand answers --help with its own options and exit status 0") {
    const std::vector<std::pair<std::string, std::string>> options{
        {"gateway", "--http-port"},      {"projector", "--metrics-address"},
        {"migrate", "--migrations-dir"}, {"rebuild", "projection"},
        {"tail", "--from-beginning"},    {"token", "--tenant"}};
    for (const auto& [subcommand, option] : options) {
        CAPTURE(subcommand);
        const auto help = shared_stack().ventros({subcommand, "--help"});
        INFO(help.output);
        CHECK(help.status == 0);
        CHECK(help.output.find(option) != std::string::npos);
    }
}

} // namespace ventros::operations_e2e
