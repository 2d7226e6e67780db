// Pins the metrics end to end: a sales scenario over HTTP gives exact counts, rates, sums,
// sources, agents and funnel; they stay exact when the projector is killed (SIGKILL) in
// the middle of a second batch of commands and restarted; and `ventros rebuild metrics`
// reproduces the same rows and the same answers.
#include "operations_support.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>

namespace ventros::operations_e2e {
namespace {

using nlohmann::json;

std::string date_text(std::chrono::sys_days day) {
    const std::chrono::year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

/// BANT answers scoring 80 (budget 50 + authority 30) or 70 (40 + 30): both qualify.
json answers_scoring(int score) {
    return {{"budget", score == 80 ? "above_10000" : "5000_10000"},
            {"authority", "decision_maker"}};
}

json money(const std::string& currency, long cents) {
    return {{"currency", currency}, {"cents", cents}};
}

json open_value(const std::string& currency, long count, long raw, long weighted) {
    return {{"currency", currency},
            {"open_deals", count},
            {"raw_cents", raw},
            {"weighted_cents", weighted}};
}

json source(const std::string& name, long leads, double average, long conversions, double rate) {
    return {{"source", name},
            {"leads", leads},
            {"average_score", average},
            {"conversions", conversions},
            {"conversion_rate", rate}};
}

/// A funnel stage of the default pipeline: id, open deals and values.
json stage(const std::string& id, long count, json values) {
    return {{"id", id}, {"open_deals", count}, {"values", std::move(values)}};
}

/// The default pipeline's funnel stages reduced to id, open deals and values.
json funnel_stages(const json& funnel) {
    json stages = json::array();
    const auto& pipeline = funnel.at("pipelines").at(0);
    for (const auto& s : pipeline.at("stages")) {
        stages.push_back(stage(s.at("id"), s.at("open_deals"), s.at("values")));
    }
    return stages;
}

/// Every metrics table digested in its key order.
std::vector<std::string> metrics_digest(const testing::stack& stack) {
    auto conn = stack.admin_connection();
    const std::vector<std::pair<std::string, std::string>> tables{
        {"metrics_leads", "tenant_id, lead_id"},
        {"metrics_deals", "tenant_id, deal_id"},
        {"metrics_daily", "tenant_id, day"},
        {"metrics_revenue_daily", "tenant_id, day, owner_id, currency"},
        {"metrics_open_value_daily", "tenant_id, day, pipeline_id, stage, currency"},
        {"metrics_sources_daily", "tenant_id, day, source"},
        {"metrics_agents_daily", "tenant_id, day, owner_id"}};
    std::vector<std::string> digests;
    for (const auto& [table, order] : tables) {
        digests.push_back(table_digest(*conn, table, order));
    }
    return digests;
}

class metrics_client {
public:
    explicit metrics_client(const tenant_admin& admin) : admin_(admin) {
        // Yesterday to tomorrow (UTC): the scenario's day even across midnight.
        const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        range_ = "?from=" + date_text(today - std::chrono::days{1}) +
                 "&to=" + date_text(today + std::chrono::days{1});
    }

    json get(const std::string& view) const {
        const auto reply =
            admin_.send("GET", "/v1/tenants/" + admin_.tenant() + "/metrics/" + view + range_);
        REQUIRE_MESSAGE(reply.status == 200, view << ": " << reply.body);
        return reply.json();
    }

    /// Every view's answer.
    std::map<std::string, json> all() const {
        std::map<std::string, json> out;
        for (const auto* view : {"overview", "funnel", "daily", "sources", "agents"}) {
            out[view] = get(view);
        }
        return out;
    }

private:
    const tenant_admin& admin_;
    std::string range_;
};

/// The daily rows summed: they must add up to the overview's counts.
json daily_totals(const json& daily) {
    json totals = json::object();
    for (const auto& day : daily.at("days")) {
        for (const auto* key : {"leads_created", "leads_qualified", "leads_converted",
                                "deals_created", "deals_won", "deals_lost"}) {
            totals[key] = totals.value(key, 0L) + day.at(key).get<long>();
        }
    }
    return totals;
}

} // namespace

TEST_CASE("metrics stay exact through a projector SIGKILL and a rebuild") {
    auto& stack = shared_stack();
    const tenant_admin admin(stack, unique_tenant("metrics"));
    const metrics_client metrics(admin);

    // Ten leads: 4 whatsapp, 3 web, 2 referral, 1 api. Leads 0-6 qualify (even 80, odd 70);
    // 0, 1, 4 and 5 convert into deals A (BRL 1000.00, ana), B (BRL 2500.00, ana),
    // C (USD 500.00, bia), D (BRL 700.00, bia). A moves to proposal, B to negotiation;
    // A and C are won, D is lost.
    const std::vector<std::string> sources{"whatsapp", "whatsapp", "whatsapp", "whatsapp", "web",
                                           "web",      "web",      "referral", "referral", "api"};
    std::vector<std::string> leads;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        leads.push_back(
            admin.create_lead({{"name", "Metric " + std::to_string(i)}, {"source", sources[i]}})
                .id);
    }
    for (std::size_t i = 0; i < 7; ++i) {
        admin.act(leads[i], "qualification", answers_scoring(i % 2 == 0 ? 80 : 70));
    }
    const auto convert = [&](std::size_t lead, long cents, const std::string& currency,
                             const std::string& owner) {
        return admin
            .convert(leads[lead],
                     {{"value_cents", cents}, {"currency", currency}, {"owner_id", owner}})
            .id;
    };
    const auto a = convert(0, 100000, "BRL", "ana");
    const auto b = convert(1, 250000, "BRL", "ana");
    const auto c = convert(4, 50000, "USD", "bia");
    const auto d = convert(5, 70000, "BRL", "bia");
    admin.act_on_deal(a, "stage", {{"stage", "proposal"}});
    admin.act_on_deal(b, "stage", {{"stage", "negotiation"}});
    admin.act_on_deal(a, "won", json::object());
    admin.act_on_deal(c, "won", json::object());
    admin.act_on_deal(d, "lost", {{"reason", "price"}});
    REQUIRE(stack.wait_projected("metrics"));
    REQUIRE(stack.wait_projected("pipelines"));

    auto views = metrics.all();
    const auto& overview = views["overview"];
    CHECK(overview.at("leads") == json{{"created", 10},
                                       {"qualified", 7},
                                       {"converted", 4},
                                       {"qualification_rate", 0.7},
                                       {"conversion_rate", 4.0 / 7}});
    CHECK(overview.at("deals") == json{{"created", 4},
                                       {"won", 2},
                                       {"lost", 1},
                                       {"win_rate", 2.0 / 3},
                                       {"average_sales_cycle_days", 0.0}});
    CHECK(overview.at("revenue_won") == json{money("BRL", 100000), money("USD", 50000)});
    CHECK(overview.at("open_pipeline") == json{open_value("BRL", 1, 250000, 187500)});
    CHECK(funnel_stages(views["funnel"]) ==
          json{stage("prospecting", 0, json::array()), stage("qualification", 0, json::array()),
               stage("proposal", 0, json::array()),
               stage("negotiation", 1,
                     {{{"currency", "BRL"}, {"raw_cents", 250000}, {"weighted_cents", 187500}}})});
    CHECK(views["sources"].at("sources") ==
          json{source("api", 1, 0.0, 0, 0.0), source("referral", 2, 0.0, 0, 0.0),
               source("web", 3, 230.0 / 3, 2, 2.0 / 3), source("whatsapp", 4, 75.0, 2, 0.5)});
    CHECK(views["agents"].at("agents") == json{{{"owner_id", "ana"},
                                                {"deals_created", 2},
                                                {"deals_won", 1},
                                                {"deals_lost", 0},
                                                {"revenue_won", {money("BRL", 100000)}},
                                                {"average_sales_cycle_days", 0.0}},
                                               {{"owner_id", "bia"},
                                                {"deals_created", 2},
                                                {"deals_won", 1},
                                                {"deals_lost", 1},
                                                {"revenue_won", {money("USD", 50000)}},
                                                {"average_sales_cycle_days", 0.0}}});
    CHECK(views["daily"].at("days").size() == 3);
    CHECK(daily_totals(views["daily"]) == json{{"leads_created", 10},
                                               {"leads_qualified", 7},
                                               {"leads_converted", 4},
                                               {"deals_created", 4},
                                               {"deals_won", 2},
                                               {"deals_lost", 1}});

    // Second batch: five more leads (2 event, 3 web; two web ones qualify at 80, one
    // converts into E, BRL 300.00, ana) — the projector is killed half-way and restarted
    // after the rest: A is reopened, B won, D reopened, E moved to qualification.
    std::vector<std::string> more;
    for (const auto* from : {"event", "event", "web", "web", "web"}) {
        more.push_back(
            admin.create_lead({{"name", std::string("More ") + from}, {"source", from}}).id);
    }
    admin.act(more[2], "qualification", answers_scoring(80));
    REQUIRE(stack.stop_projector(SIGKILL) == 128 + SIGKILL);
    admin.act(more[3], "qualification", answers_scoring(80));
    const auto e =
        admin.convert(more[2], {{"value_cents", 30000}, {"currency", "BRL"}, {"owner_id", "ana"}})
            .id;
    admin.act_on_deal(a, "reopen", json::object());
    admin.act_on_deal(b, "won", json::object());
    admin.act_on_deal(d, "reopen", json::object());
    admin.act_on_deal(e, "stage", {{"stage", "qualification"}});
    auto restart_env = projector_metrics_env(projector_metrics_port());
    restart_env["VENTROS_PROJECTOR_SESSION_TIMEOUT_MS"] = "6000";
    stack.start_projector(restart_env);
    REQUIRE(stack.wait_projected("metrics", 120000));
    REQUIRE(stack.wait_projected("pipelines", 120000));

    views = metrics.all();
    const auto& after = views["overview"];
    CHECK(after.at("leads") == json{{"created", 15},
                                    {"qualified", 9},
                                    {"converted", 5},
                                    {"qualification_rate", 0.6},
                                    {"conversion_rate", 5.0 / 9}});
    CHECK(after.at("deals") == json{{"created", 5},
                                    {"won", 2},
                                    {"lost", 0},
                                    {"win_rate", 1.0},
                                    {"average_sales_cycle_days", 0.0}});
    CHECK(after.at("revenue_won") == json{money("BRL", 250000), money("USD", 50000)});
    CHECK(after.at("open_pipeline") == json{open_value("BRL", 3, 200000, 64500)});
    CHECK(funnel_stages(views["funnel"]) ==
          json{stage("prospecting", 1,
                     {{{"currency", "BRL"}, {"raw_cents", 70000}, {"weighted_cents", 7000}}}),
               stage("qualification", 1,
                     {{{"currency", "BRL"}, {"raw_cents", 30000}, {"weighted_cents", 7500}}}),
               stage("proposal", 1,
                     {{{"currency", "BRL"}, {"raw_cents", 100000}, {"weighted_cents", 50000}}}),
               stage("negotiation", 0, json::array())});
    CHECK(views["sources"].at("sources") ==
          json{source("api", 1, 0.0, 0, 0.0), source("event", 2, 0.0, 0, 0.0),
               source("referral", 2, 0.0, 0, 0.0), source("web", 6, 65.0, 3, 0.5),
               source("whatsapp", 4, 75.0, 2, 0.5)});
    CHECK(views["agents"].at("agents") == json{{{"owner_id", "ana"},
                                                {"deals_created", 3},
                                                {"deals_won", 1},
                                                {"deals_lost", 0},
                                                {"revenue_won", {money("BRL", 250000)}},
                                                {"average_sales_cycle_days", 0.0}},
                                               {{"owner_id", "bia"},
                                                {"deals_created", 2},
                                                {"deals_won", 1},
                                                {"deals_lost", 0},
                                                {"revenue_won", {money("USD", 50000)}},
                                                {"average_sales_cycle_days", 0.0}}});
    CHECK(daily_totals(views["daily"]) == json{{"leads_created", 15},
                                               {"leads_qualified", 9},
                                               {"leads_converted", 5},
                                               {"deals_created", 5},
                                               {"deals_won", 2},
                                               {"deals_lost", 0}});

    // A rebuild from the topic writes the same rows, so every view answers the same.
    const auto live_rows = metrics_digest(stack);
    const auto rebuilt = stack.ventros({"rebuild", "metrics"});
    INFO(rebuilt.output);
    REQUIRE(rebuilt.status == 0);
    CHECK(rebuilt.output.find("rebuilt metrics: ") != std::string::npos);
    CHECK(metrics_digest(stack) == live_rows);
    CHECK(metrics.all() == views);
}

} // namespace ventros::operations_e2e
