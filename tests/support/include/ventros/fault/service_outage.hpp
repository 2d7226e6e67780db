#pragma once

#include <string>

namespace ventros::fault {

/// Stops and starts one of the shared local services with its script (`scripts/kafka`
/// or `scripts/pg` of the source tree, on the ports the tests use). Whatever happens to
/// the test, the destructor starts the service again if this guard stopped it, so a
/// failed test never leaves the other tests without it. Only for RUN_SERIAL tests.
class service_outage {
public:
    /// `service`: "kafka" or "pg".
    explicit service_outage(std::string service);
    ~service_outage();
    service_outage(const service_outage&) = delete;
    service_outage& operator=(const service_outage&) = delete;

    /// `scripts/<service> stop`; returns once the process is gone. Throws on failure.
    void stop();
    /// `scripts/<service> start`; returns once it answers again. Throws on failure.
    void start();

private:
    void run(const std::string& action);

    std::string service_;
    bool stopped_ = false;
};

} // namespace ventros::fault
