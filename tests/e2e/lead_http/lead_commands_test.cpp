#include "lead_api.hpp"

#include <doctest/doctest.h>

using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

const nlohmann::json hot_answers = {{"budget", "above_10000"},
                                    {"authority", "decision_maker"},
                                    {"need", "Automação de VENDAS"},
                                    {"timeline", "immediately"}};

std::string position_of(const ventros::testing::http_reply& reply) {
    REQUIRE_MESSAGE((reply.status == 200 || reply.status == 201), reply.body);
    return reply.json().at("position").get<std::string>();
}

} // namespace

TEST_CASE("PATCH changes contact fields and clears nullable ones") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Davi"}, {"email", "davi@example.com"}});
    const auto reply = api.send("PATCH", api.lead_path(id),
                                {{"name", "Davi Lima"}, {"email", nullptr}, {"tags", {"a", "b"}}});
    CHECK(reply.json().at("version") == 2);
    CHECK(reply.header("etag") == "\"2\"");
    const auto lead = api.read_lead(id, position_of(reply));
    CHECK(lead.at("name") == "Davi Lima");
    CHECK(lead.at("email").is_null());
    CHECK(lead.at("tags") == nlohmann::json{"a", "b"});
}

TEST_CASE("BANT answers score per the table and qualify at 70 or more") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Eva"}});
    SUBCASE("a hot lead is qualified") {
        const auto reply = api.send("POST", api.lead_path(id) + "/qualification", hot_answers);
        const auto lead = api.read_lead(id, position_of(reply));
        // 50 + 30 + (automação 10 + vendas 10) + 20
        CHECK(lead.at("score") == 120);
        CHECK(lead.at("stage") == "qualified");
        CHECK_FALSE(lead.at("qualified_at").is_null());
        CHECK(lead.at("bant").at("points").at("need") == 20);
    }
    SUBCASE("a cold lead is scored but stays unqualified") {
        const auto reply = api.send("POST", api.lead_path(id) + "/qualification",
                                    {{"budget", "under_1000"}, {"authority", "researching"}});
        const auto lead = api.read_lead(id, position_of(reply));
        CHECK(lead.at("score") == 15);
        CHECK(lead.at("stage") != "qualified");
        CHECK(lead.at("qualified_at").is_null());
    }
}

TEST_CASE("assignment sets the agent; a viewer cannot be assigned leads") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Fabio"}});
    const auto reply = api.send("POST", api.lead_path(id) + "/assignment", {{"agent_id", "ag-1"}});
    CHECK(api.read_lead(id, position_of(reply)).at("assigned_to") == "ag-1");

    const append_watch appends;
    check_problem(api.send("POST", api.lead_path(id) + "/assignment",
                           {{"agent_id", "v-1"}, {"agent_role", "viewer"}}),
                  422, "agent-role-not-assignable");
    CHECK(appends.unchanged());
}

TEST_CASE("a lost lead keeps its reason and cannot be qualified") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Gil"}});
    const auto reply = api.send("POST", api.lead_path(id) + "/lost", {{"reason", "no budget"}});
    const auto lead = api.read_lead(id, position_of(reply));
    CHECK(lead.at("stage") == "lost");
    CHECK(lead.at("lost_reason") == "no budget");

    const append_watch appends;
    check_problem(api.send("POST", api.lead_path(id) + "/qualification", hot_answers), 409,
                  "lead-is-lost");
    CHECK(appends.unchanged());
}

TEST_CASE("only a qualified lead converts, and only once") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Hugo"}});
    {
        const append_watch appends;
        check_problem(api.send("POST", api.lead_path(id) + "/conversion", nlohmann::json::object()),
                      409, "lead-not-qualified");
        CHECK(appends.unchanged());
    }
    position_of(api.send("POST", api.lead_path(id) + "/qualification", hot_answers));
    const auto converted =
        api.send("POST", api.lead_path(id) + "/conversion", nlohmann::json::object());
    const auto lead = api.read_lead(id, position_of(converted));
    CHECK(lead.at("stage") == "converted");
    CHECK(lead.at("deal_id").is_string());
    CHECK_FALSE(lead.at("converted_at").is_null());

    const append_watch appends;
    check_problem(api.send("POST", api.lead_path(id) + "/conversion", nlohmann::json::object()),
                  409, "lead-already-converted");
    CHECK(appends.unchanged());
}

TEST_CASE("commands on a lead that does not exist are 404 and append nothing") {
    lead_api api;
    const auto missing = api.lead_path("01900000-0000-7000-8000-000000000001");
    const append_watch appends;
    check_problem(api.send("PATCH", missing, {{"name", "x"}}), 404, "lead-not-found");
    check_problem(api.send("POST", missing + "/qualification", hot_answers), 404, "lead-not-found");
    check_problem(api.send("POST", missing + "/assignment", {{"agent_id", "a"}}), 404,
                  "lead-not-found");
    check_problem(api.send("POST", missing + "/lost", {{"reason", "r"}}), 404, "lead-not-found");
    check_problem(api.send("POST", missing + "/conversion", nlohmann::json::object()), 404,
                  "lead-not-found");
    CHECK(appends.unchanged());
}
