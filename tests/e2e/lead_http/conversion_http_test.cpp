// Lead conversion over HTTP: a qualified lead becomes a deal (both events, one
// transaction), the answer is the new deal, converting twice or an unqualified lead is
// 409 with nothing appended.
#include "lead_api.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

const json hot_answers = {{"budget", "above_10000"},
                          {"authority", "decision_maker"},
                          {"need", "automação de vendas"},
                          {"timeline", "immediately"}};

} // namespace

TEST_CASE("converting a qualified lead creates its deal and links both") {
    lead_api api;
    const auto lead = api.create_lead({{"name", "Olga"}, {"company", "Olga SA"}});
    api.command("POST", api.lead_path(lead) + "/qualification", hot_answers);
    const auto reply = api.send("POST", api.lead_path(lead) + "/conversion",
                                {{"title", "Olga SA - CRM"},
                                 {"value_cents", 480000},
                                 {"currency", "BRL"},
                                 {"stage", "proposal"}});
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    const auto deal_id = reply.json().at("id").get<std::string>();
    CHECK(reply.header("location") == api.deals_path() + "/" + deal_id);

    const auto position = reply.json().at("position").get<std::string>();
    const auto deal = api.read(api.deals_path() + "/" + deal_id, position);
    CHECK(deal.at("lead_id") == lead);
    CHECK(deal.at("title") == "Olga SA - CRM");
    CHECK(deal.at("value_cents") == 480000);
    CHECK(deal.at("stage") == "proposal");
    CHECK(deal.at("probability") == 50);
    const auto converted = api.read_lead(lead, position);
    CHECK(converted.at("stage") == "converted");
    CHECK(converted.at("deal_id") == deal_id);

    const append_watch appends;
    check_problem(api.send("POST", api.lead_path(lead) + "/conversion", json::object()), 409,
                  "lead-already-converted");
    CHECK(appends.unchanged());
}

TEST_CASE("an unqualified lead or a bad deal does not convert, and nothing is appended") {
    lead_api api;
    const auto lead = api.create_lead({{"name", "Paulo"}});
    const append_watch appends;
    check_problem(api.send("POST", api.lead_path(lead) + "/conversion", json::object()), 409,
                  "lead-not-qualified");
    CHECK(appends.unchanged());
    const auto scored = api.command("POST", api.lead_path(lead) + "/qualification", hot_answers);
    const append_watch after_scoring;
    check_problem(api.send("POST", api.lead_path(lead) + "/conversion", {{"stage", "nowhere"}}),
                  422, "unknown-stage");
    check_problem(api.send("POST", api.lead_path(lead) + "/conversion", {{"value_cents", -5}}), 422,
                  "invalid-value");
    CHECK(after_scoring.unchanged());
    CHECK(api.read_lead(lead, scored.at("position")).at("stage") == "qualified");
}
