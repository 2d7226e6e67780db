// Deals over HTTP as a client uses them: create, update, stage moves with probabilities,
// won, lost, reopen, the changelog, list filters and pages, and every refusal as a problem
// with nothing appended.
#include "lead_api.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

json deal_body(std::int64_t cents = 250000, const std::string& currency = "BRL") {
    return {{"title", "ERP rollout"}, {"value_cents", cents}, {"currency", currency}};
}

std::string id_of(const json& reply) {
    return reply.at("id").get<std::string>();
}

} // namespace

TEST_CASE("a created deal is readable with its defaults and a Location") {
    lead_api api;
    json body = deal_body();
    body["expected_close"] = "2026-12-31";
    const auto reply = api.send("POST", api.deals_path(), body);
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    const auto id = id_of(reply.json());
    CHECK(reply.header("location") == api.deals_path() + "/" + id);
    CHECK(reply.header("etag") == "\"1\"");
    const auto deal = api.read(api.deals_path() + "/" + id, reply.json().at("position"));
    CHECK(deal.at("title") == "ERP rollout");
    CHECK(deal.at("value_cents") == 250000);
    CHECK(deal.at("currency") == "BRL");
    CHECK(deal.at("stage") == "prospecting");
    CHECK(deal.at("probability") == 10);
    CHECK(deal.at("status") == "open");
    CHECK(deal.at("owner_id") == "u-e2e");
    CHECK(deal.at("expected_close") == "2026-12-31");
    CHECK(deal.at("version") == 1);
}

TEST_CASE("stage moves take the stage's probability unless the command sets one") {
    lead_api api;
    const auto id = id_of(api.command("POST", api.deals_path(), deal_body(), 201));
    const auto path = api.deals_path() + "/" + id;
    auto moved = api.command("POST", path + "/stage", {{"stage", "proposal"}});
    CHECK(api.read(path, moved.at("position")).at("probability") == 50);
    moved = api.command("POST", path + "/stage", {{"stage", "negotiation"}, {"probability", 90}});
    const auto deal = api.read(path, moved.at("position"));
    CHECK(deal.at("stage") == "negotiation");
    CHECK(deal.at("probability") == 90);
}

TEST_CASE("won, lost and reopen follow the deal's status rules") {
    lead_api api;
    const auto id = id_of(api.command("POST", api.deals_path(), deal_body(), 201));
    const auto path = api.deals_path() + "/" + id;
    api.command("POST", path + "/won", json::object());
    {
        const append_watch appends;
        check_problem(api.send("POST", path + "/lost", {{"reason", "x"}}), 409, "deal-not-open");
        check_problem(api.send("POST", path + "/stage", {{"stage", "proposal"}}), 409,
                      "deal-closed");
        check_problem(api.send("PATCH", path, {{"title", "New"}}), 409, "deal-closed");
        CHECK(appends.unchanged());
    }
    api.command("POST", path + "/reopen", json::object());
    const auto lost = api.command("POST", path + "/lost", {{"reason", "went with a competitor"}});
    {
        const append_watch appends;
        check_problem(api.send("POST", path + "/won", json::object()), 409, "deal-not-open");
        CHECK(appends.unchanged());
    }
    const auto deal = api.read(path, lost.at("position"));
    CHECK(deal.at("status") == "lost");
    CHECK(deal.at("lost_reason") == "went with a competitor");
    CHECK(deal.at("version") == 4);

    const auto events = api.get(path + "/events");
    REQUIRE(events.status == 200);
    const auto changelog = events.json();
    std::vector<std::string> types;
    for (const auto& e : changelog.at("items")) {
        types.push_back(e.at("type").get<std::string>());
    }
    CHECK(types ==
          std::vector<std::string>{"ventros.crm.deal.created.v1", "ventros.crm.deal.won.v1",
                                   "ventros.crm.deal.reopened.v1", "ventros.crm.deal.lost.v1"});
}

TEST_CASE("PATCH changes the fields it names and clears nullable ones") {
    lead_api api;
    json body = deal_body();
    body["expected_close"] = "2026-12-31";
    const auto id = id_of(api.command("POST", api.deals_path(), body, 201));
    const auto path = api.deals_path() + "/" + id;
    const auto patched = api.command("PATCH", path,
                                     {{"title", "ERP phase 2"},
                                      {"value_cents", 300000},
                                      {"currency", "USD"},
                                      {"expected_close", nullptr}});
    const auto deal = api.read(path, patched.at("position"));
    CHECK(deal.at("title") == "ERP phase 2");
    CHECK(deal.at("value_cents") == 300000);
    CHECK(deal.at("currency") == "USD");
    CHECK(deal.at("expected_close").is_null());
    check_problem(api.send("PATCH", path, {{"title", "ERP phase 2"}}), 409, "nothing-to-change");
}

TEST_CASE("bad deal input is refused with the right problem and appends nothing") {
    lead_api api;
    const auto id = id_of(api.command("POST", api.deals_path(), deal_body(), 201));
    const append_watch appends;
    check_problem(api.send("POST", api.deals_path(), deal_body(-1)), 422, "invalid-value");
    check_problem(api.send("POST", api.deals_path(), deal_body(100, "ZZZ")), 422, "invalid-value");
    json unknown_pipeline = deal_body();
    unknown_pipeline["pipeline_id"] = "01900000-0000-7000-8000-000000000001";
    check_problem(api.send("POST", api.deals_path(), unknown_pipeline), 422, "unknown-pipeline");
    json unknown_stage = deal_body();
    unknown_stage["stage"] = "closing";
    check_problem(api.send("POST", api.deals_path(), unknown_stage), 422, "unknown-stage");
    check_problem(api.send("POST", api.deals_path() + "/" + id + "/stage", {{"stage", "closing"}}),
                  422, "unknown-stage");
    json bad_probability = deal_body();
    bad_probability["probability"] = 101;
    check_problem(api.send("POST", api.deals_path(), bad_probability), 422, "invalid-probability");
    check_problem(api.send("POST", api.deals_path(), {{"title", "T"}}), 422, "validation-failed");
    json bad_date = deal_body();
    bad_date["expected_close"] = "2026-02-30";
    check_problem(api.send("POST", api.deals_path(), bad_date), 422, "validation-failed");
    check_problem(api.send("POST", api.deals_path() + "/not-a-uuid/won", json::object()), 404,
                  "deal-not-found");
    check_problem(api.send("POST", api.deals_path() + "/01900000-0000-7000-8000-000000000001/won",
                           json::object()),
                  404, "deal-not-found");
    CHECK(appends.unchanged());
}

TEST_CASE("an agent works only on their own deals; a viewer on none") {
    lead_api admin("admin", "boss");
    const auto tenant = admin.tenant();
    const auto id = id_of(admin.command("POST", admin.deals_path(), deal_body(), 201));
    const auto path = admin.deals_path() + "/" + id;
    const auto as = [&](const std::string& role, const std::string& user) {
        const auto bearer = "Bearer " + ventros::e2e::shared_stack().token(user, {{tenant, role}});
        return
            [bearer, path](const std::string& method, const std::string& suffix, const json& body) {
                return ventros::e2e::shared_stack().client().request(
                    method, path + suffix,
                    {{"Authorization", bearer}, {"Content-Type", "application/json"}}, body.dump());
            };
    };
    const append_watch appends;
    check_problem(as("agent", "agent-7")("POST", "/won", json::object()), 403, "not-permitted");
    check_problem(as("viewer", "watcher")("POST", "/won", json::object()), 403, "forbidden");
    CHECK(appends.unchanged());
    // Made the owner, the agent may act.
    admin.command("PATCH", path, {{"owner_id", "agent-7"}});
    const auto won = as("agent", "agent-7")("POST", "/won", json::object());
    CHECK_MESSAGE(won.status == 200, won.body);
}

TEST_CASE("GET /deals filters and pages") {
    lead_api api;
    const auto pipeline = api.command(
        "POST", api.pipelines_path(),
        {{"name", "Other"}, {"stages", {{{"id", "only"}, {"name", "Only"}, {"probability", 40}}}}},
        201);
    std::string position;
    for (int i = 0; i < 5; ++i) {
        json body = deal_body(1000 * (i + 1));
        body["title"] = "Deal " + std::to_string(i);
        body["expected_close"] = "2026-0" + std::to_string(i + 1) + "-15";
        if (i == 4) {
            body["pipeline_id"] = pipeline.at("id");
        }
        const auto created = api.command("POST", api.deals_path(), body, 201);
        position = created.at("position").get<std::string>();
        const auto path = api.deals_path() + "/" + id_of(created);
        if (i == 0) {
            position = api.command("POST", path + "/won", json::object()).at("position");
        }
        if (i == 1) {
            position = api.command("POST", path + "/stage", {{"stage", "proposal"}}).at("position");
        }
    }
    const auto count = [&](const std::string& query) {
        return api.read(api.deals_path() + "?" + query, position).at("items").size();
    };
    CHECK(count("status=open") == 4);
    CHECK(count("status=won") == 1);
    CHECK(count("stage=proposal") == 1);
    CHECK(count("pipeline_id=" + pipeline.at("id").get<std::string>()) == 1);
    CHECK(count("owner_id=u-e2e") == 5);
    CHECK(count("owner_id=someone") == 0);
    CHECK(count("min_value_cents=2000&max_value_cents=4000") == 3);
    CHECK(count("expected_close_from=2026-02-01&expected_close_to=2026-03-31") == 2);

    const auto first = api.read(api.deals_path() + "?limit=2", position);
    REQUIRE(first.at("items").size() == 2);
    CHECK(first.at("items").at(0).at("title") == "Deal 4"); // newest first
    const auto second =
        api.get(api.deals_path() + "?limit=2&cursor=" + first.at("next_cursor").get<std::string>());
    REQUIRE(second.status == 200);
    CHECK(second.json().at("items").at(0).at("title") == "Deal 2");

    check_problem(api.get(api.deals_path() + "?status=pending"), 422, "invalid-query");
    check_problem(api.get(api.deals_path() + "?min_value_cents=abc"), 422, "invalid-query");
    check_problem(api.get(api.deals_path() + "?expected_close_from=2026-13-01"), 422,
                  "invalid-query");
    check_problem(api.get(api.deals_path() + "?colour=red"), 422, "invalid-query");
}
