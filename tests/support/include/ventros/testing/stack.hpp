#pragma once

#include "ventros/testing/http_client.hpp"
#include "ventros/testing/process.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace ventros::testing {

/// A private Ventros deployment for one test executable on the real local Kafka
/// (VENTROS_TEST_KAFKA) and PostgreSQL (VENTROS_TEST_PG_HOST/PORT): a unique topic
/// prefix, a fresh database migrated with `ventros migrate`, and `ventros gateway` /
/// `ventros projector` processes started on demand. Missing environment fails loudly.
class stack {
public:
    stack();
    ~stack(); ///< stops the processes, deletes the topics, drops the database
    stack(const stack&) = delete;
    stack& operator=(const stack&) = delete;

    /// Starts (or restarts) the gateway and waits for /readyz. Extra env overrides.
    void start_gateway(const std::map<std::string, std::string>& extra_env = {});
    void start_projector(const std::map<std::string, std::string>& extra_env = {});
    /// Signals the process and waits; returns its exit status.
    int stop_gateway(int signal);
    int stop_projector(int signal);
    bool gateway_running();
    /// Sends `signal` to the gateway and returns at once: SIGSTOP pauses every thread of
    /// it (its Kafka clients included), SIGCONT resumes it.
    void signal_gateway(int signal);

    http_client client() const { return http_client(http_port_); }
    unsigned short http_port() const noexcept { return http_port_; }

    /// A JWT for the user with the given tenant roles, signed with the stack's secret.
    std::string token(const std::string& user, const std::map<std::string, std::string>& roles,
                      long ttl_seconds = 3600) const;
    const std::string& jwt_secret() const noexcept { return secret_; }

    /// Opens project `tenant` on the running gateway (POST /v1/tenants on `plan`; the
    /// enterprise plan has no limits) as the stack's owner user, whose billing account is
    /// created on first use. Tenants must exist before any CRM command. Opening a tenant
    /// that is already open does nothing; any other refusal throws.
    void open_project(const std::string& tenant, const std::string& plan = "enterprise") const;
    /// The user id that owns (and is admin of) the projects open_project opens.
    static constexpr const char* owner = "stack-owner";

    /// Sum of the high watermarks of every Ventros topic: changes iff anything appended.
    std::int64_t total_end_offset() const;
    /// High watermarks of one topic (name without prefix, e.g. "crm").
    std::vector<std::int64_t> end_offsets(const std::string& topic) const;
    std::string topic(const std::string& name) const { return prefix_ + name; }
    const std::string& prefix() const noexcept { return prefix_; }

    /// A superuser connection to the stack's database.
    std::unique_ptr<pqxx::connection> admin_connection() const;
    std::string conninfo(const std::string& user) const;
    const std::string& database() const noexcept { return database_; }

    /// Waits until every checkpoint of `projection` on each topic it reads equals (or
    /// passes) its partition's end offset at call time.
    bool wait_projected(const std::string& projection, int timeout_ms = 30000) const;
    /// The same for one topic kind ("crm", "identity", "billing").
    bool wait_projected(const std::string& projection, const std::string& kind,
                        int timeout_ms) const;

    /// Runs `ventros <args...>` with the stack's environment.
    run_result ventros(const std::vector<std::string>& args) const;

    std::map<std::string, std::string> environment() const;

    /// Folder for this stack's process logs.
    const std::string& log_dir() const noexcept { return log_dir_; }

private:
    std::string kafka_;
    std::string pg_host_;
    std::string pg_port_;
    std::string prefix_;
    std::string database_;
    std::string secret_;
    std::string log_dir_;
    unsigned short http_port_ = 0;
    int gateway_starts_ = 0;
    int projector_starts_ = 0;
    std::unique_ptr<child_process> gateway_;
    std::unique_ptr<child_process> projector_;
    mutable std::string billing_account_; ///< the owner's, once created
};

/// The `ventros` binary under test and the source tree.
std::string ventros_binary();
std::string source_dir();

/// A free TCP port on 127.0.0.1 (bound and released).
unsigned short free_port();

} // namespace ventros::testing
