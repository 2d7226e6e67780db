#include "lead_api.hpp"

#include <atomic>
#include <doctest/doctest.h>

namespace ventros::e2e {

testing::stack& shared_stack() {
    static testing::stack& instance = [] -> testing::stack& {
        static testing::stack s;
        s.start_projector();
        // Reads wait up to 8 s for their consistency token: ctest runs this next to the
        // fault tests, which load the two cores heavily.
        s.start_gateway(
            {{"VENTROS_READ_TIMEOUT_S", "1"}, {"VENTROS_CONSISTENCY_TIMEOUT_MS", "8000"}});
        return s;
    }();
    return instance;
}

lead_api::lead_api(std::string role, std::string user) {
    static std::atomic<int> next{0};
    tenant_ = "tenant-" + std::to_string(++next);
    shared_stack().open_project(tenant_);
    bearer_ = "Bearer " + shared_stack().token(user, {{tenant_, role}});
}

testing::http_reply lead_api::send(const std::string& method, const std::string& target,
                                   const nlohmann::json& body,
                                   const std::map<std::string, std::string>& headers) const {
    std::map<std::string, std::string> all{{"Authorization", bearer_}};
    std::string payload;
    if (!body.is_null()) {
        all["Content-Type"] = "application/json";
        payload = body.dump();
    }
    for (const auto& [name, value] : headers) {
        all[name] = value;
    }
    return shared_stack().client().request(method, target, all, payload);
}

std::string lead_api::create_lead(const nlohmann::json& body) {
    const auto reply = send("POST", leads_path(), body);
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    return reply.json().at("id").get<std::string>();
}

nlohmann::json lead_api::read_lead(const std::string& id, const std::string& position) const {
    return read(lead_path(id), position);
}

nlohmann::json lead_api::read(const std::string& target, const std::string& position) const {
    const auto separator = target.find('?') == std::string::npos ? "?" : "&";
    const auto reply = get(target + separator + "consistency=" + position);
    REQUIRE_MESSAGE(reply.status == 200, target << ": " << reply.body);
    CHECK(reply.header("ventros-consistency") == "caught-up");
    return reply.json();
}

nlohmann::json lead_api::command(const std::string& method, const std::string& target,
                                 const nlohmann::json& body, unsigned status) const {
    const auto reply = send(method, target, body);
    REQUIRE_MESSAGE(reply.status == status, method << " " << target << ": " << reply.body);
    return reply.json();
}

} // namespace ventros::e2e
