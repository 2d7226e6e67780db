// Pipelines over HTTP as a client uses them: the default pipeline every tenant gets, stage
// editing, the open-deals rule for removal, the board, and every bad input refused with a
// problem and nothing appended.
#include "lead_api.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

const json two_stages = {{"name", "Partners"},
                         {"stages",
                          {{{"id", "intro"}, {"name", "Intro"}, {"probability", 20}},
                           {{"id", "deal"}, {"name", "Deal"}, {"probability", 60}}}}};

std::vector<std::string> stage_ids(const json& pipeline) {
    std::vector<std::string> ids;
    for (const auto& s : pipeline.at("stages")) {
        ids.push_back(s.at("id").get<std::string>());
    }
    return ids;
}

} // namespace

TEST_CASE("a tenant's first command gives it the default pipeline") {
    lead_api api;
    const auto created = api.command("POST", api.leads_path(), {{"name", "Ana"}}, 201);
    const auto pipelines = api.read(api.pipelines_path(), created.at("position"));
    REQUIRE(pipelines.at("items").size() == 1);
    const auto& sales = pipelines.at("items").at(0);
    CHECK(sales.at("is_default") == true);
    CHECK(stage_ids(sales) ==
          std::vector<std::string>{"prospecting", "qualification", "proposal", "negotiation"});
    CHECK(sales.at("stages").at(2).at("probability") == 50);
}

TEST_CASE("a pipeline created as the default becomes the one deals go to") {
    lead_api api;
    api.command("POST", api.leads_path(), {{"name", "Ana"}}, 201);
    json renewals = two_stages;
    renewals["name"] = "Renewals";
    renewals["is_default"] = true;
    const auto id = api.command("POST", api.pipelines_path(), renewals, 201).at("id");
    const auto deal =
        api.command("POST", api.deals_path(),
                    {{"title", "Renewal"}, {"value_cents", 1000}, {"currency", "BRL"}}, 201);
    const auto pipelines = api.read(api.pipelines_path(), deal.at("position"));
    REQUIRE(pipelines.at("items").size() == 2);
    for (const auto& p : pipelines.at("items")) {
        CHECK(p.at("is_default") == (p.at("id") == id));
    }
    const auto created =
        api.read(api.deals_path() + "/" + deal.at("id").get<std::string>(), deal.at("position"));
    CHECK(created.at("pipeline_id") == id);
    CHECK(created.at("stage") == "intro");
}

TEST_CASE("stages are added, renamed, reordered and removed, each an event") {
    lead_api api;
    const auto created = api.command("POST", api.pipelines_path(), two_stages, 201);
    const auto id = created.at("id").get<std::string>();
    const auto path = api.pipelines_path() + "/" + id;
    CHECK(created.at("version") == 1);

    api.command("POST", path + "/stages",
                {{"id", "won-soon"}, {"name", "Almost"}, {"probability", 90}});
    api.command("PATCH", path + "/stages/intro", {{"name", "Introduction"}, {"probability", 15}});
    api.command("PUT", path + "/stage-order", {{"order", {"deal", "intro", "won-soon"}}});
    const auto removed = api.command("DELETE", path + "/stages/won-soon", nullptr);
    CHECK(removed.at("version") == 5);

    const auto pipeline = api.read(path, removed.at("position"));
    CHECK(pipeline.at("name") == "Partners");
    CHECK(stage_ids(pipeline) == std::vector<std::string>{"deal", "intro"});
    CHECK(pipeline.at("stages").at(1).at("name") == "Introduction");
    CHECK(pipeline.at("stages").at(1).at("probability") == 15);
    CHECK(pipeline.at("version") == 5);
}

TEST_CASE("a stage that holds open deals cannot be removed") {
    lead_api api;
    const auto id =
        api.command("POST", api.pipelines_path(), two_stages, 201).at("id").get<std::string>();
    const auto path = api.pipelines_path() + "/" + id;
    const auto deal = api.command("POST", api.deals_path(),
                                  {{"title", "Reseller"},
                                   {"value_cents", 1000},
                                   {"currency", "BRL"},
                                   {"pipeline_id", id},
                                   {"stage", "deal"}},
                                  201);
    {
        const append_watch appends;
        check_problem(api.send("DELETE", path + "/stages/deal"), 409, "stage-has-open-deals");
        CHECK(appends.unchanged());
    }
    api.command("POST", api.deals_path() + "/" + deal.at("id").get<std::string>() + "/won",
                json::object());
    api.command("DELETE", path + "/stages/deal", nullptr);
}

TEST_CASE("the board shows each stage's open deals, counts and raw and weighted values") {
    lead_api api;
    const auto id =
        api.command("POST", api.pipelines_path(), two_stages, 201).at("id").get<std::string>();
    const auto add = [&](const std::string& stage, std::int64_t cents,
                         const std::string& currency) {
        return api.command("POST", api.deals_path(),
                           {{"title", "D"},
                            {"value_cents", cents},
                            {"currency", currency},
                            {"pipeline_id", id},
                            {"stage", stage}},
                           201);
    };
    add("intro", 10000, "BRL");
    add("intro", 5000, "BRL");
    add("deal", 20000, "USD");
    const auto lost = add("deal", 99900, "BRL");
    const auto last =
        api.command("POST", api.deals_path() + "/" + lost.at("id").get<std::string>() + "/lost",
                    {{"reason", "budget"}});

    const auto board = api.read(api.pipelines_path() + "/" + id + "/board", last.at("position"));
    REQUIRE(board.at("stages").size() == 2);
    const auto& intro = board.at("stages").at(0);
    CHECK(intro.at("id") == "intro");
    CHECK(intro.at("open_deals") == 2);
    CHECK(intro.at("deals").size() == 2);
    REQUIRE(intro.at("values").size() == 1);
    CHECK(intro.at("values").at(0).at("currency") == "BRL");
    CHECK(intro.at("values").at(0).at("raw_cents") == 15000);
    CHECK(intro.at("values").at(0).at("weighted_cents") == 3000); // 20 %
    const auto& deal = board.at("stages").at(1);
    CHECK(deal.at("open_deals") == 1); // the lost one is not on the board
    CHECK(deal.at("values").at(0).at("currency") == "USD");
    CHECK(deal.at("values").at(0).at("weighted_cents") == 12000); // 60 %
    CHECK(board.at("totals").at("open_deals") == 3);
}

TEST_CASE("bad pipeline commands are problems and append nothing") {
    lead_api api;
    const auto id =
        api.command("POST", api.pipelines_path(), two_stages, 201).at("id").get<std::string>();
    const auto path = api.pipelines_path() + "/" + id;
    lead_api viewer("viewer"); // opens its tenant's project before the watch starts
    const append_watch appends;
    json duplicate = two_stages;
    duplicate["stages"][1]["id"] = "intro";
    check_problem(api.send("POST", api.pipelines_path(), duplicate), 422, "invalid-stages");
    check_problem(api.send("POST", api.pipelines_path(), {{"name", "No stages"}}), 422,
                  "validation-failed");
    check_problem(api.send("PATCH", path + "/stages/nope", {{"name", "X"}}), 422, "unknown-stage");
    check_problem(api.send("PUT", path + "/stage-order", {{"order", {"intro"}}}), 422,
                  "invalid-stages");
    check_problem(api.send("DELETE", api.pipelines_path() + "/not-a-uuid/stages/intro"), 404,
                  "pipeline-not-found");
    check_problem(api.send("DELETE", api.pipelines_path() +
                                         "/01900000-0000-7000-8000-000000000001/stages/intro"),
                  404, "pipeline-not-found");
    check_problem(viewer.send("POST", viewer.pipelines_path(), two_stages), 403, "forbidden");
    CHECK(appends.unchanged());
}

TEST_CASE("only admins and managers change pipelines") {
    lead_api agent("agent", "agent-1");
    const append_watch appends;
    check_problem(agent.send("POST", agent.pipelines_path(), two_stages), 403, "not-permitted");
    CHECK(appends.unchanged());
}

TEST_CASE("pipeline reads: unknown ids are 404, another tenant's pipeline is invisible") {
    lead_api api;
    lead_api other;
    const auto created = api.command("POST", api.pipelines_path(), two_stages, 201);
    const auto id = created.at("id").get<std::string>();
    api.read(api.pipelines_path() + "/" + id, created.at("position"));
    check_problem(other.get(other.pipelines_path() + "/" + id), 404, "pipeline-not-found");
    check_problem(other.get(other.pipelines_path() + "/" + id + "/board"), 404,
                  "pipeline-not-found");
    check_problem(api.get(api.pipelines_path() + "/nope"), 404, "pipeline-not-found");
}
