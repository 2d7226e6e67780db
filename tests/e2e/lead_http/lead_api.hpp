#pragma once

#include "ventros/testing/problem_check.hpp"
#include "ventros/testing/stack.hpp"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace ventros::e2e {

/// The stack every lead HTTP test shares: gateway (read timeout 1 s, so slow clients
/// are cut quickly) and projector, started once per test executable.
testing::stack& shared_stack();

/// A client acting for one user with one role in one tenant.
class lead_api {
public:
    /// A fresh tenant (unique per call) where `user` holds `role`.
    explicit lead_api(std::string role = "admin", std::string user = "u-e2e");

    const std::string& tenant() const noexcept { return tenant_; }
    const std::string& bearer() const noexcept { return bearer_; }
    std::string tenant_path() const { return "/v1/tenants/" + tenant_; }
    std::string leads_path() const { return tenant_path() + "/leads"; }
    std::string deals_path() const { return tenant_path() + "/deals"; }
    std::string pipelines_path() const { return tenant_path() + "/pipelines"; }
    std::string lead_path(const std::string& id) const { return leads_path() + "/" + id; }

    /// A JSON request with the caller's token; `headers` add to or override the defaults.
    testing::http_reply send(const std::string& method, const std::string& target,
                             const nlohmann::json& body = nullptr,
                             const std::map<std::string, std::string>& headers = {}) const;
    testing::http_reply get(const std::string& target) const { return send("GET", target); }

    /// Creates a lead (must succeed) and returns its id.
    std::string create_lead(const nlohmann::json& body);
    /// A GET of the lead that waits for the projection of `position` first.
    nlohmann::json read_lead(const std::string& id, const std::string& position) const;
    /// A GET of `target` (must answer 200) that waits for the projection of `position`.
    nlohmann::json read(const std::string& target, const std::string& position) const;
    /// Sends a command that must succeed with `status`; returns its body.
    nlohmann::json command(const std::string& method, const std::string& target,
                           const nlohmann::json& body, unsigned status = 200) const;

private:
    std::string tenant_;
    std::string bearer_;
};

using testing::check_problem;

/// Records the Kafka end offsets at construction; `unchanged()` says whether anything was
/// appended to any Ventros topic since.
class append_watch {
public:
    append_watch() : before_(shared_stack().total_end_offset()) {}
    bool unchanged() const { return shared_stack().total_end_offset() == before_; }

private:
    std::int64_t before_;
};

} // namespace ventros::e2e
