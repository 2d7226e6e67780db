#include "ventros/fault/lead_client.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace ventros::fault {
namespace {

std::string leads_path(const std::string& tenant) {
    return "/v1/tenants/" + tenant + "/leads";
}

std::string lead_path(const std::string& tenant, const std::string& lead) {
    return leads_path(tenant) + "/" + lead;
}

} // namespace

lead_request create_lead(const std::string& tenant, const std::string& label) {
    const nlohmann::json body = {{"name", "Lead " + label},
                                 {"email", label + "@example.com"},
                                 {"phone", "+55 11 98765-4321"},
                                 {"source", "web"}};
    return {"POST", leads_path(tenant), body.dump(), {}, {}};
}

lead_request rename_lead(const std::string& tenant, const std::string& lead,
                         const std::string& name) {
    return {"PATCH", lead_path(tenant, lead), nlohmann::json{{"name", name}}.dump(), {}, {}};
}

lead_request qualify_lead(const std::string& tenant, const std::string& lead) {
    const nlohmann::json body = {{"budget", "above_10000"},
                                 {"authority", "decision_maker"},
                                 {"need", "vendas"},
                                 {"timeline", "immediately"}};
    return {"POST", lead_path(tenant, lead) + "/qualification", body.dump(), {}, {}};
}

lead_request assign_lead(const std::string& tenant, const std::string& lead,
                         const std::string& agent) {
    return {"POST",
            lead_path(tenant, lead) + "/assignment",
            nlohmann::json{{"agent_id", agent}}.dump(),
            {},
            {}};
}

lead_request convert_lead(const std::string& tenant, const std::string& lead) {
    return {"POST",
            lead_path(tenant, lead) + "/conversion",
            nlohmann::json{{"title", "Deal of " + lead}}.dump(),
            {},
            {}};
}

lead_client::lead_client(const testing::stack& s, const std::vector<std::string>& tenants,
                         std::chrono::milliseconds timeout)
    : http_(s.http_port(), "127.0.0.1", timeout) {
    std::map<std::string, std::string> roles;
    for (const auto& t : tenants) {
        s.open_project(t);
        roles[t] = "admin";
    }
    bearer_ = "Bearer " + s.token("u-fault", roles);
}

testing::http_reply lead_client::send(const lead_request& r) const {
    std::map<std::string, std::string> headers = {{"Authorization", bearer_},
                                                  {"Content-Type", "application/json"}};
    if (!r.idempotency_key.empty()) {
        headers["Idempotency-Key"] = r.idempotency_key;
    }
    if (!r.if_match.empty()) {
        headers["If-Match"] = r.if_match;
    }
    return http_.request(r.method, r.target, headers, r.body);
}

answer lead_client::send_until_answered(const lead_request& r,
                                        std::chrono::steady_clock::time_point deadline) const {
    if (r.idempotency_key.empty()) {
        throw std::logic_error(
            "retrying a command without an Idempotency-Key could apply it twice");
    }
    answer a;
    std::string last_failure;
    while (std::chrono::steady_clock::now() < deadline) {
        ++a.attempts;
        try {
            a.reply = send(r);
            if (a.reply.status < 500) {
                return a;
            }
            last_failure = "status " + std::to_string(a.reply.status);
        } catch (const std::exception& e) {
            last_failure = e.what();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("no answer to " + r.method + " " + r.target + " (key " +
                             r.idempotency_key + ") after " + std::to_string(a.attempts) +
                             " attempts; last: " + last_failure);
}

} // namespace ventros::fault
