#include "lead_api.hpp"

#include <chrono>
#include <doctest/doctest.h>

using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;
using ventros::e2e::shared_stack;

namespace {

/// A request with a raw (possibly invalid) JSON text as body.
ventros::testing::http_reply send_text(const lead_api& api, const std::string& method,
                                       const std::string& target, const std::string& text,
                                       const std::string& content_type = "application/json") {
    return shared_stack().client().request(
        method, target, {{"Authorization", api.bearer()}, {"Content-Type", content_type}}, text);
}

} // namespace

TEST_CASE("malformed JSON is 400 on every write endpoint, and nothing is appended") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Mara"}});
    const append_watch appends;
    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"POST", api.leads_path()},
             {"PATCH", api.lead_path(id)},
             {"POST", api.lead_path(id) + "/qualification"},
             {"POST", api.lead_path(id) + "/assignment"},
             {"POST", api.lead_path(id) + "/lost"},
             {"POST", api.lead_path(id) + "/conversion"},
             {"POST", api.deals_path()},
             {"PATCH", api.deals_path() + "/" + id},
             {"POST", api.deals_path() + "/" + id + "/stage"},
             {"POST", api.deals_path() + "/" + id + "/won"},
             {"POST", api.deals_path() + "/" + id + "/lost"},
             {"POST", api.deals_path() + "/" + id + "/reopen"},
             {"POST", api.pipelines_path()},
             {"POST", api.pipelines_path() + "/" + id + "/stages"},
             {"PATCH", api.pipelines_path() + "/" + id + "/stages/intro"},
             {"PUT", api.pipelines_path() + "/" + id + "/stage-order"},
             {"POST", api.tenant_path() + "/contacts"},
             {"PATCH", api.tenant_path() + "/contacts/" + id},
             {"POST", api.tenant_path() + "/contacts/" + id + "/links"},
             {"POST", api.tenant_path() + "/contacts/" + id + "/merge"},
             {"POST", api.tenant_path() + "/companies"},
             {"PATCH", api.tenant_path() + "/companies/" + id},
             {"POST", api.tenant_path() + "/activities"},
             {"PATCH", api.tenant_path() + "/activities/" + id},
             {"POST", api.tenant_path() + "/activities/" + id + "/completion"},
             {"POST", api.tenant_path() + "/activities/" + id + "/reopen"}}) {
        CAPTURE(target);
        check_problem(send_text(api, method, target, "{\"name\": "), 400, "malformed-json");
        check_problem(send_text(api, method, target, "[1, 2]"), 422, "validation-failed");
    }
    CHECK(appends.unchanged());
}

TEST_CASE("wrong types, unknown fields and values out of range are 422 naming the field") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Nina"}});
    const append_watch appends;
    const auto field_errors = [](const ventros::testing::http_reply& reply) {
        check_problem(reply, 422, "validation-failed");
        const auto body = reply.json();
        std::vector<std::string> fields;
        for (const auto& e : body.at("errors")) {
            fields.push_back(e.at("field").get<std::string>());
            CHECK_FALSE(e.at("reason").get<std::string>().empty());
        }
        return fields;
    };
    CHECK(field_errors(api.send("POST", api.leads_path(), {{"name", 42}})) ==
          std::vector<std::string>{"/name"});
    CHECK(field_errors(api.send("POST", api.leads_path(), nlohmann::json::object())) ==
          std::vector<std::string>{"/name"});
    CHECK(field_errors(api.send("POST", api.leads_path(), {{"name", "N"}, {"nickname", "x"}})) ==
          std::vector<std::string>{"/nickname"});
    CHECK(field_errors(api.send("POST", api.leads_path(), {{"name", std::string(300, 'n')}})) ==
          std::vector<std::string>{"/name"});
    CHECK(field_errors(api.send("POST", api.leads_path(), {{"name", "N"}, {"email", "nope"}})) ==
          std::vector<std::string>{"/email"});
    CHECK(field_errors(api.send("POST", api.leads_path(), {{"name", "N"}, {"source", "fax"}})) ==
          std::vector<std::string>{"/source"});
    CHECK(field_errors(api.send("PATCH", api.lead_path(id), {{"stage", "flying"}})) ==
          std::vector<std::string>{"/stage"});
    CHECK(field_errors(api.send("POST", api.lead_path(id) + "/qualification",
                                {{"budget", "a lot"}, {"timeline", 3}})) ==
          std::vector<std::string>{"/budget", "/timeline"});
    CHECK(field_errors(api.send("POST", api.lead_path(id) + "/assignment", {{"agent", "x"}}))
              .size() == 2); // agent_id missing, agent unknown
    CHECK(field_errors(api.send("POST", api.lead_path(id) + "/lost", {{"reason", ""}})) ==
          std::vector<std::string>{"/reason"});
    CHECK(field_errors(api.send("POST", api.lead_path(id) + "/conversion", {{"deal", 1}})) ==
          std::vector<std::string>{"/deal"});
    CHECK(appends.unchanged());
}

TEST_CASE("a body that is not application/json is 415") {
    lead_api api;
    const append_watch appends;
    check_problem(send_text(api, "POST", api.leads_path(), "name=Olga", "text/plain"), 415,
                  "unsupported-media-type");
    check_problem(send_text(api, "POST", api.leads_path(), "{\"name\":\"Olga\"}",
                            "application/x-www-form-urlencoded"),
                  415, "unsupported-media-type");
    CHECK(appends.unchanged());
}

TEST_CASE("a body over 1 MiB is 413") {
    lead_api api;
    const append_watch appends;
    const std::string huge = "{\"name\":\"" + std::string((1 << 20) + 16, 'x') + "\"}";
    check_problem(send_text(api, "POST", api.leads_path(), huge), 413, "payload-too-large");
    CHECK(appends.unchanged());
}

TEST_CASE("a header section over 16 KiB is 431") {
    lead_api api;
    const append_watch appends;
    const auto answer = shared_stack().client().raw(
        "POST " + api.leads_path() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + api.bearer() +
        "\r\nX-Padding: " + std::string(17 * 1024, 'p') +
        "\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"P\"}");
    CHECK(answer.starts_with("HTTP/1.1 431 "));
    CHECK(answer.find("application/problem+json") != std::string::npos);
    CHECK(answer.find("request-header-fields-too-large") != std::string::npos);
    CHECK(appends.unchanged());
}

TEST_CASE("a client that stops sending mid-request gets 408 after the read timeout") {
    lead_api api;
    const append_watch appends;
    const auto started = std::chrono::steady_clock::now();
    const auto answer = shared_stack().client().raw(
        "POST " + api.leads_path() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + api.bearer() +
            "\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"name\":",
        8000);
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(answer.starts_with("HTTP/1.1 408 "));
    CHECK(answer.find("request-timeout") != std::string::npos);
    CHECK(waited < std::chrono::seconds(5)); // the stack runs with a 1 s read timeout
    CHECK(appends.unchanged());
}

TEST_CASE("unknown routes are 404 and wrong methods 405 with Allow") {
    lead_api api;
    check_problem(api.get("/v1/tenants/" + api.tenant() + "/nothing-here"), 404, "not-found");
    const auto reply = api.send("DELETE", api.leads_path());
    check_problem(reply, 405, "method-not-allowed");
    CHECK(reply.header("allow").find("POST") != std::string::npos);
}
