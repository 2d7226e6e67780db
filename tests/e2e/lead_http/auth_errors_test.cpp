#include "lead_api.hpp"
#include "ventros/gateway/jwt.hpp"

#include <doctest/doctest.h>

using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;
using ventros::e2e::shared_stack;

namespace {

ventros::testing::http_reply create_with(const lead_api& api, const std::string& authorization) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!authorization.empty()) {
        headers["Authorization"] = authorization;
    }
    return shared_stack().client().request("POST", api.leads_path(), headers, R"({"name":"Quim"})");
}

/// base64url without padding.
std::string base64url(const std::string& text) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const unsigned char c : text) {
        bits = (bits << 8) | c;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out.push_back(alphabet[(bits >> count) & 0x3f]);
        }
    }
    if (count > 0) {
        out.push_back(alphabet[(bits << (6 - count)) & 0x3f]);
    }
    return out;
}

} // namespace

TEST_CASE("a missing, malformed, forged, expired or unsigned token is 401") {
    lead_api api;
    const append_watch appends;
    const auto unauthorized = [](const ventros::testing::http_reply& reply) {
        check_problem(reply, 401, "unauthorized");
        CHECK(reply.header("www-authenticate").starts_with("Bearer"));
    };
    unauthorized(create_with(api, ""));
    unauthorized(create_with(api, "Bearer not.a.jwt"));
    unauthorized(create_with(api, "Basic dXNlcjpwYXNz"));

    // Same claims, signed with another key.
    ventros::gateway::principal who;
    who.user_id = "u-e2e";
    who.tenants.emplace(api.tenant(), ventros::domain::role::admin);
    ventros::gateway::jwt_config other;
    other.secret = "some-other-secret-that-is-long-enough-0123456789";
    unauthorized(create_with(
        api, "Bearer " + ventros::gateway::sign_jwt(who, other, std::chrono::system_clock::now(),
                                                    std::chrono::seconds(600))));

    const auto expired = shared_stack().token("u-e2e", {{api.tenant(), "admin"}}, -120);
    unauthorized(create_with(api, "Bearer " + expired));

    // alg "none": the valid token's claims, no signature.
    const auto valid = api.bearer().substr(7);
    const auto payload = valid.substr(valid.find('.') + 1, valid.rfind('.') - valid.find('.') - 1);
    unauthorized(create_with(api, "Bearer " + base64url(R"({"alg":"none","typ":"JWT"})") + "." +
                                      payload + "."));
    CHECK(appends.unchanged());
}

TEST_CASE("reads need a valid token too") {
    lead_api api;
    const auto reply = shared_stack().client().request("GET", api.leads_path());
    check_problem(reply, 401, "unauthorized");
}

TEST_CASE("a tenant that is not in the token is 403 for reads and writes") {
    lead_api mine;
    lead_api theirs;
    const auto their_lead = theirs.create_lead({{"name", "Rui"}});
    const append_watch appends;
    const auto as_me = [&](const std::string& method, const std::string& target,
                           const nlohmann::json& body) {
        return shared_stack().client().request(
            method, target,
            {{"Authorization", mine.bearer()}, {"Content-Type", "application/json"}},
            body.is_null() ? "" : body.dump());
    };
    check_problem(as_me("GET", theirs.leads_path(), nullptr), 403, "forbidden");
    check_problem(as_me("GET", theirs.lead_path(their_lead), nullptr), 403, "forbidden");
    check_problem(as_me("POST", theirs.leads_path(), {{"name", "x"}}), 403, "forbidden");
    check_problem(as_me("PATCH", theirs.lead_path(their_lead), {{"name", "x"}}), 403, "forbidden");
    CHECK(appends.unchanged());
}

TEST_CASE("a viewer can read but not write") {
    lead_api admin;
    const auto id = admin.create_lead({{"name", "Sara"}});
    const auto viewer_bearer =
        "Bearer " + shared_stack().token("v-1", {{admin.tenant(), "viewer"}});
    const append_watch appends;
    const auto as_viewer = [&](const std::string& method, const std::string& target,
                               const std::string& body) {
        return shared_stack().client().request(
            method, target,
            {{"Authorization", viewer_bearer}, {"Content-Type", "application/json"}}, body);
    };
    CHECK(as_viewer("GET", admin.leads_path(), "").status == 200);
    check_problem(as_viewer("POST", admin.leads_path(), R"({"name":"x"})"), 403, "forbidden");
    check_problem(as_viewer("PATCH", admin.lead_path(id), R"({"name":"x"})"), 403, "forbidden");
    check_problem(as_viewer("POST", admin.lead_path(id) + "/lost", R"({"reason":"x"})"), 403,
                  "forbidden");
    CHECK(appends.unchanged());
}
