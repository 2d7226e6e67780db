// Test runner for the gateway unit tests; logs only errors to keep the output readable.
#define DOCTEST_CONFIG_IMPLEMENT
#include "ventros/telemetry/log.hpp"

#include <doctest/doctest.h>

int main(int argc, char** argv) {
    ventros::telemetry::set_log_level("error");
    return doctest::Context(argc, argv).run();
}
