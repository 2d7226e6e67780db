// Users, sessions, billing accounts, projects and plan quotas over HTTP, as a client
// would call them (issue 5), on the shared stack's real Kafka and PostgreSQL.

#include "lead_api.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <functional>
#include <future>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::shared_stack;
using ventros::testing::http_reply;

const std::string password = "correct horse battery";

http_reply send(const std::string& method, const std::string& target, const json& body,
                const std::string& token = {}) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!token.empty()) {
        headers["Authorization"] = "Bearer " + token;
    }
    return shared_stack().client().request(method, target, headers,
                                           body.is_null() ? std::string{} : body.dump());
}

std::string unique(const std::string& hint) {
    static std::atomic<int> next{0};
    return hint + "-" + std::to_string(++next);
}

/// A registered user, logged in.
struct user {
    std::string email;
    std::string id;
    std::string token;

    explicit user(const std::string& hint) : email(unique(hint) + "@example.com") {
        const auto registered =
            send("POST", "/v1/users", {{"name", hint}, {"email", email}, {"password", password}});
        REQUIRE_MESSAGE(registered.status == 201, registered.body);
        id = registered.json().at("id");
        log_in();
    }
    json log_in() {
        const auto session =
            send("POST", "/v1/sessions", {{"email", email}, {"password", password}});
        REQUIRE_MESSAGE(session.status == 201, session.body);
        token = session.json().at("access_token");
        return session.json();
    }
    std::string billing_account() const {
        const auto account = send("POST", "/v1/billing-accounts",
                                  {{"name", "Conta"}, {"billing_email", email}}, token);
        REQUIRE_MESSAGE(account.status == 201, account.body);
        return account.json().at("id");
    }
    /// Opens a project on `plan`, then logs in again so the token grants it.
    std::string open_project(const std::string& plan) {
        const auto tenant = unique("loja");
        const auto opened = send("POST", "/v1/tenants",
                                 {{"tenant_id", tenant},
                                  {"name", "Loja"},
                                  {"billing_account_id", billing_account()},
                                  {"plan", plan}},
                                 token);
        REQUIRE_MESSAGE(opened.status == 201, opened.body);
        CHECK(opened.header("location") == "/v1/tenants/" + tenant);
        log_in();
        return tenant;
    }
};

/// GET `target` until `ready` accepts the 200 reply (the projector catches up), at most 10 s.
http_reply read_when(const std::string& target, const std::string& token,
                     const std::function<bool(const json&)>& ready) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto reply = send("GET", target, nullptr, token);
    while (!(reply.status == 200 && ready(reply.json())) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        reply = send("GET", target, nullptr, token);
    }
    return reply;
}

/// A plan that allows 10 leads, added to the plans table (plans are data).
void add_tiny_plan() {
    static const bool added = [] {
        auto db = shared_stack().admin_connection();
        pqxx::work tx(*db);
        tx.exec("INSERT INTO plans (code, name, price_cents, currency, limits, position) VALUES "
                "('tiny', 'Tiny', 1000, 'BRL', '{\"users\": 2, \"messages_per_month\": 10, "
                "\"channel_instances\": 1, \"leads\": 10, \"requests_per_minute\": 6000}', 9) "
                "ON CONFLICT (code) DO NOTHING");
        tx.commit();
        return true;
    }();
    CHECK(added);
}

} // namespace

TEST_CASE("a user registers once per email, with a strong password, and logs in") {
    const auto email = unique("ana") + "@Example.com";
    const append_watch nothing_yet;
    check_problem(
        send("POST", "/v1/users", {{"name", "Ana"}, {"email", email}, {"password", "short"}}), 422,
        "validation-failed");
    check_problem(send("POST", "/v1/users",
                       {{"name", "Ana"}, {"email", "not-an-email"}, {"password", password}}),
                  422, "validation-failed");
    check_problem(shared_stack().client().request("POST", "/v1/users",
                                                  {{"Content-Type", "application/json"}}, "{"),
                  400, "malformed-json");
    CHECK(nothing_yet.unchanged());

    const auto registered =
        send("POST", "/v1/users", {{"name", "Ana"}, {"email", email}, {"password", password}});
    REQUIRE(registered.status == 201);
    CHECK(registered.body.find(password) == std::string::npos);
    CHECK(registered.body.find("argon2") == std::string::npos);

    const append_watch after;
    // The same address in another case is the same email.
    check_problem(send("POST", "/v1/users",
                       {{"name", "Ana 2"}, {"email", "  " + email + " "}, {"password", password}}),
                  409, "email-taken");
    check_problem(send("POST", "/v1/sessions", {{"email", email}, {"password", "wrong password"}}),
                  401, "invalid-credentials");
    check_problem(
        send("POST", "/v1/sessions", {{"email", "nobody@example.com"}, {"password", password}}),
        401, "invalid-credentials");
    CHECK(after.unchanged());

    const auto session = send("POST", "/v1/sessions", {{"email", email}, {"password", password}});
    REQUIRE(session.status == 201);
    CHECK(session.json().at("user_id") == registered.json().at("id"));
    CHECK(session.json().at("tenants") == json::object());
    CHECK(session.json().at("token_type") == "Bearer");
}

TEST_CASE("a project opens with its creator as admin, a trial and a default pipeline") {
    user ana("owner");
    check_problem(
        send("POST", "/v1/billing-accounts", {{"name", "X"}, {"billing_email", ana.email}}), 401,
        "unauthorized");
    const auto account = ana.billing_account();
    user bruno("intruder");
    const append_watch refused_only;
    check_problem(send("POST", "/v1/tenants",
                       {{"tenant_id", "Bad_Slug"}, {"name", "X"}, {"billing_account_id", account}},
                       ana.token),
                  422, "validation-failed");
    check_problem(send("POST", "/v1/tenants",
                       {{"tenant_id", unique("ok")},
                        {"name", "X"},
                        {"billing_account_id", account},
                        {"plan", "platinum"}},
                       ana.token),
                  422, "validation-failed");
    check_problem(
        send("POST", "/v1/tenants",
             {{"tenant_id", unique("theft")}, {"name", "X"}, {"billing_account_id", account}},
             bruno.token),
        403, "billing-account-not-owned");
    CHECK(refused_only.unchanged());

    const auto tenant = ana.open_project("starter");
    check_problem(send("POST", "/v1/tenants",
                       {{"tenant_id", tenant}, {"name", "Again"}, {"billing_account_id", account}},
                       ana.token),
                  409, "tenant-id-taken");
    const auto session = ana.log_in();
    CHECK(session.at("tenants").at(tenant) == "admin");

    const auto board = read_when("/v1/tenants/" + tenant + "/pipelines", ana.token,
                                 [](const json& b) { return !b.at("items").empty(); });
    const auto project = read_when("/v1/tenants/" + tenant, ana.token, [](const json& p) {
        return p.at("subscription").is_object() && !p.at("members").empty();
    });
    REQUIRE_MESSAGE(project.status == 200, project.body);
    const auto p = project.json();
    CHECK(p.at("owner") == ana.id);
    CHECK(p.at("subscription").at("status") == "trialing");
    CHECK(p.at("subscription").at("plan").at("code") == "starter");
    CHECK(p.at("limits").at("users") == 5);
    CHECK(p.at("members").at(0).at("role") == "admin");
    REQUIRE(board.status == 200);
    CHECK(board.json().at("items").size() == 1);

    const auto plans = send("GET", "/v1/plans", nullptr);
    REQUIRE(plans.status == 200);
    CHECK(plans.json().at("items").size() >= 3);
}

TEST_CASE("members are invited by email; settings and products change; only admins may") {
    user ana("admin");
    user bia("member");
    const auto tenant = ana.open_project("starter");
    const auto base = "/v1/tenants/" + tenant;
    check_problem(send("POST", base + "/members",
                       {{"email", "ghost@example.com"}, {"role", "agent"}}, ana.token),
                  422, "validation-failed");
    const auto invited =
        send("POST", base + "/members", {{"email", bia.email}, {"role", "agent"}}, ana.token);
    REQUIRE_MESSAGE(invited.status == 200, invited.body);
    CHECK(bia.log_in().at("tenants").at(tenant) == "agent");
    check_problem(send("PATCH", base, {{"name", "Nova"}}, bia.token), 403, "project-not-permitted");
    check_problem(send("PATCH", base, {{"session_timeout_minutes", 1}}, ana.token), 422,
                  "validation-failed");
    CHECK(send("PATCH", base, {{"name", "Nova"}, {"branding", {{"primary_color", "#112233"}}}},
               ana.token)
              .status == 200);
    CHECK(send("PUT", base + "/products/bi", {{"enabled", true}, {"limits", {{"dashboards", 5}}}},
               ana.token)
              .status == 200);
    check_problem(send("PUT", base + "/products/bi",
                       {{"enabled", true}, {"limits", {{"dashboards", 5}}}}, ana.token),
                  409, "project-nothing-to-change");
    check_problem(send("DELETE", base + "/members/" + ana.id, nullptr, ana.token), 409,
                  "last-admin");
    CHECK(send("DELETE", base + "/members/" + bia.id, nullptr, ana.token).status == 200);
    check_problem(send("DELETE", base + "/members/" + bia.id, nullptr, ana.token), 404,
                  "member-not-found");
}

TEST_CASE("a tenant without a project is not found") {
    const auto tenant = unique("ghost");
    const auto token = shared_stack().token("u-ghost", {{tenant, "admin"}});
    const append_watch appends;
    check_problem(send("POST", "/v1/tenants/" + tenant + "/leads", {{"name", "Ana"}}, token), 404,
                  "tenant-not-found");
    CHECK(appends.unchanged());
}

TEST_CASE("50 parallel requests for the last 10 leads of a plan: exactly 10 pass; an upgrade "
          "lets the rest in") {
    add_tiny_plan();
    user ana("quota");
    const auto tenant = ana.open_project("tiny");
    const auto leads = "/v1/tenants/" + tenant + "/leads";
    std::vector<std::future<http_reply>> replies;
    for (int i = 0; i < 50; ++i) {
        replies.push_back(std::async(std::launch::async, [&, i] {
            return send("POST", leads, {{"name", "Lead " + std::to_string(i)}}, ana.token);
        }));
    }
    int created = 0;
    int refused = 0;
    for (auto& r : replies) {
        const auto reply = r.get();
        if (reply.status == 201) {
            ++created;
        } else {
            check_problem(reply, 402, "quota-exceeded");
            CHECK(reply.json().at("limit") == "leads");
            CHECK(reply.json().at("limit_value") == 10);
            CHECK(reply.json().at("current_usage") == 10);
            ++refused;
        }
    }
    CHECK(created == 10);
    CHECK(refused == 40);

    check_problem(send("POST", "/v1/tenants/" + tenant + "/subscription/plan-change",
                       {{"plan", "tiny"}}, ana.token),
                  409, "same-plan");
    const auto upgraded = send("POST", "/v1/tenants/" + tenant + "/subscription/plan-change",
                               {{"plan", "growth"}}, ana.token);
    REQUIRE_MESSAGE(upgraded.status == 200, upgraded.body);
    CHECK(send("POST", leads, {{"name", "After the upgrade"}}, ana.token).status == 201);
}
