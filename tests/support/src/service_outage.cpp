#include "ventros/fault/service_outage.hpp"

#include "ventros/testing/process.hpp"
#include "ventros/testing/stack.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <stdexcept>

namespace ventros::fault {
namespace {

std::string env_or(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

/// The port of VENTROS_TEST_KAFKA (host:port), which the tests connect to.
std::string kafka_port() {
    const auto address = env_or("VENTROS_TEST_KAFKA", "127.0.0.1:19092");
    return address.substr(address.rfind(':') + 1);
}

} // namespace

service_outage::service_outage(std::string service) : service_(std::move(service)) {
    if (service_ != "kafka" && service_ != "pg") {
        throw std::invalid_argument("no script for service " + service_);
    }
}

service_outage::~service_outage() {
    if (!stopped_) {
        return;
    }
    try {
        start();
    } catch (const std::exception& e) {
        std::cerr << "could not restart " << service_ << ": " << e.what() << '\n';
    }
}

void service_outage::stop() {
    stopped_ = true; // even a half-done stop must be undone
    run("stop");
}

void service_outage::start() {
    run("start");
    stopped_ = false;
}

void service_outage::run(const std::string& action) {
    // The scripts read their ports from these; the tests' addresses name the same ones.
    std::map<std::string, std::string> env = {
        {"VENTROS_KAFKA_PORT", kafka_port()},
        {"VENTROS_PG_PORT", env_or("VENTROS_TEST_PG_PORT", "15432")},
        // A broker holding many partitions recovers them all before it answers.
        {"VENTROS_KAFKA_START_TIMEOUT", "180"}};
    const auto script = testing::source_dir() + "/scripts/" + service_;
    const auto result = testing::run_command({"/bin/bash", script, action}, env);
    if (result.status != 0) {
        throw std::runtime_error(script + " " + action + " failed (" +
                                 std::to_string(result.status) + "):\n" + result.output);
    }
}

} // namespace ventros::fault
