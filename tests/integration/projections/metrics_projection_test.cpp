// Pins the metrics projection and its queries on PostgreSQL: lead and deal events over
// several UTC days become exact daily counters, revenue, open-pipeline deltas, sources and
// agents; a reopen undoes its close on the close's day; currencies are never added; every
// view answers exactly for chosen ranges; replays, batching and a rebuild's mapping do
// not change the rows.
#include "sales_events_fixture.hpp"
#include "ventros/projections/metrics_projection.hpp"
#include "ventros/projections/metrics_queries.hpp"
#include "ventros/projections/pipelines_projection.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using nlohmann::json;
using test::ordered_uuid;

namespace {

const std::string pipeline = ordered_uuid(500);
const std::string tenant = "tenant-a";

std::string lead(int n) {
    return ordered_uuid(static_cast<std::uint64_t>(100 + n));
}

std::string deal(int n) {
    return ordered_uuid(static_cast<std::uint64_t>(200 + n));
}

std::string at(int day, const std::string& clock = "10:00:00.000") {
    return "2026-03-0" + std::to_string(day) + "T" + clock + "Z";
}

domain::lead_scored scored(const std::string& id, int score) {
    return {.id = domain::lead_id(id),
            .score = score,
            .stage = score >= 70 ? domain::lead_stage::qualified : domain::lead_stage::unqualified};
}

domain::deal_created deal_in(int n, const std::string& stage, std::int64_t cents,
                             const std::string& currency, int probability,
                             const std::string& owner) {
    auto created = test::deal(deal(n), pipeline, stage, cents, currency, probability);
    created.owner = domain::user_id(owner);
    return created;
}

struct fixture : test::projection_fixture<projections::metrics_projection> {
    /// The scenario, in log order. Days 1-5 of March 2026 (nothing on day 4):
    /// leads 1, 2 (web) on day 1 and 3, 4 (whatsapp) on day 2; lead 1 qualifies on day 1
    /// and converts on day 2, lead 2 scores 40 on day 2 and 75 on day 3, lead 4 (created in
    /// the last millisecond of day 2) scores 90, qualifies and converts on day 3.
    /// Deals in one pipeline (prospecting 10, proposal 50, negotiation 75): 3 (proposal,
    /// BRL, ana), 4 (prospecting, BRL, bia) and 5 (USD, ana) on day 1; 1 on day 2; 2 (USD,
    /// bia) on day 3. Deal 3 becomes EUR and bia's on day 2, is lost on day 3 and reopened
    /// on day 5; deal 4 is won on day 2, reopened on day 3 and won again on day 5; deal 5 is
    /// lost on day 2; deal 1 moves to proposal on day 3 and is won on day 5; deal 2 moves
    /// to negotiation at 80 % on day 3. Another tenant has one lead.
    std::vector<projections::decoded_event> events() {
        const auto d = [](int n) { return domain::deal_id(deal(n)); };
        const auto l = [](int n) { return domain::lead_id(lead(n)); };
        domain::deal_updated deal3_update{
            .id = d(3), .value = domain::money{30000, "EUR"}, .owner = domain::user_id("bia")};
        return {
            make.make(tenant, 1,
                      test::pipeline(pipeline, "Sales",
                                     {{"prospecting", "Prospecting", 10},
                                      {"proposal", "Proposal", 50},
                                      {"negotiation", "Negotiation", 75}}),
                      at(1, "08:00:00.000")),
            make.make(tenant, 1, test::created(lead(1), "One"), at(1)),
            make.make(tenant, 1, test::created(lead(2), "Two"), at(1)),
            make.make(tenant, 2, scored(lead(1), 80), at(1)),
            make.make(tenant, 3, domain::lead_qualified{l(1), 80}, at(1)),
            make.make(tenant, 1, deal_in(3, "proposal", 20000, "BRL", 50, "ana"), at(1)),
            make.make(tenant, 1, deal_in(4, "prospecting", 999, "BRL", 10, "bia"), at(1)),
            make.make(tenant, 1, deal_in(5, "prospecting", 700, "USD", 10, "ana"), at(1)),
            make.make("tenant-b", 1,
                      test::created(ordered_uuid(900), "Elsewhere", std::nullopt,
                                    domain::lead_source::api),
                      at(1)),

            make.make(tenant, 1,
                      test::created(lead(3), "Three", std::nullopt, domain::lead_source::whatsapp),
                      at(2)),
            make.make(tenant, 1,
                      test::created(lead(4), "Four", std::nullopt, domain::lead_source::whatsapp),
                      at(2, "23:59:59.999")),
            make.make(tenant, 2, scored(lead(2), 40), at(2)),
            make.make(tenant, 4, domain::lead_converted{l(1), d(1), 80}, at(2)),
            make.make(tenant, 1, deal_in(1, "prospecting", 100000, "BRL", 10, "ana"), at(2)),
            make.make(tenant, 2, deal3_update, at(2)),
            make.make(tenant, 2, domain::deal_won{d(4), {999, "BRL"}}, at(2)),
            make.make(tenant, 2, domain::deal_lost{d(5), "price"}, at(2)),

            make.make(tenant, 3, scored(lead(2), 75), at(3)),
            make.make(tenant, 4, domain::lead_qualified{l(2), 75}, at(3)),
            make.make(tenant, 2, scored(lead(4), 90), at(3, "00:00:00.000")),
            make.make(tenant, 3, domain::lead_qualified{l(4), 90}, at(3)),
            make.make(tenant, 4, domain::lead_converted{l(4), d(2), 90}, at(3)),
            make.make(tenant, 2, domain::deal_stage_moved{d(1), "prospecting", "proposal", 50},
                      at(3)),
            make.make(tenant, 1, deal_in(2, "prospecting", 50001, "USD", 10, "bia"), at(3)),
            make.make(tenant, 2,
                      domain::deal_stage_moved{d(2), "prospecting", "negotiation", 80, true},
                      at(3)),
            make.make(tenant, 3, domain::deal_lost{d(3), "timing"}, at(3)),
            make.make(tenant, 3, domain::deal_reopened{d(4), domain::deal_status::won}, at(3)),

            make.make(tenant, 3, domain::deal_won{d(1), {100000, "BRL"}}, at(5)),
            make.make(tenant, 4, domain::deal_reopened{d(3), domain::deal_status::lost}, at(5)),
            make.make(tenant, 4, domain::deal_won{d(4), {999, "BRL"}}, at(5)),
        };
    }

    /// Applies the scenario: pipelines (which the funnel reads) and metrics.
    void apply_all() {
        const auto all = events();
        pqxx::work tx(conn);
        projections::pipelines_projection{}.apply(tx, all, {});
        const auto result = projection.apply(tx, all, {});
        tx.commit();
        CHECK(result.applied == 29);
        CHECK(result.skipped == 0);
        CHECK(result.rejected.empty());
    }

    /// A metrics query for `tenant` as the reader role.
    json view(json (*query)(pqxx::transaction_base&, const projections::metrics_range&),
              const std::string& from, const std::string& to) {
        pqxx::connection reader(db.conninfo("ventros_reader"));
        pqxx::read_transaction tx(reader);
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
        return query(tx, {tenant, from, to});
    }

    std::string snapshot() { return digest(projection.tables()); }
};

json money(const std::string& currency, std::int64_t cents) {
    return {{"currency", currency}, {"cents", cents}};
}

json open_value(const std::string& currency, std::int64_t raw, std::int64_t weighted) {
    return {{"currency", currency}, {"raw_cents", raw}, {"weighted_cents", weighted}};
}

json stage(const std::string& id, const std::string& name, int probability, int open_deals,
           json values) {
    return {{"id", id},
            {"name", name},
            {"probability", probability},
            {"open_deals", open_deals},
            {"values", std::move(values)}};
}

} // namespace

TEST_CASE("the overview counts leads and deals, rates, cycle, revenue and open pipeline exactly") {
    fixture f;
    f.apply_all();
    CHECK(f.view(projections::metrics_overview, "2026-03-01", "2026-03-05") ==
          json{{"from", "2026-03-01"},
               {"to", "2026-03-05"},
               {"leads",
                {{"created", 4},
                 {"qualified", 3},
                 {"converted", 2},
                 {"qualification_rate", 0.75},
                 {"conversion_rate", 2.0 / 3}}},
               {"deals",
                {{"created", 5},
                 {"won", 2},
                 {"lost", 1},
                 {"win_rate", 2.0 / 3},
                 {"average_sales_cycle_days", 3.5}}},
               {"revenue_won", {money("BRL", 100999)}},
               {"open_pipeline",
                {{{"currency", "EUR"},
                  {"open_deals", 1},
                  {"raw_cents", 30000},
                  {"weighted_cents", 15000}},
                 {{"currency", "USD"},
                  {"open_deals", 1},
                  {"raw_cents", 50001},
                  {"weighted_cents", 40000}}}}});

    // Day 2 alone: the win of deal 4 was undone by its reopen, deal 5's loss stands; nothing
    // qualified, so the conversion rate has no denominator.
    CHECK(f.view(projections::metrics_overview, "2026-03-02", "2026-03-02") ==
          json{{"from", "2026-03-02"},
               {"to", "2026-03-02"},
               {"leads",
                {{"created", 2},
                 {"qualified", 0},
                 {"converted", 1},
                 {"qualification_rate", 0.0},
                 {"conversion_rate", nullptr}}},
               {"deals",
                {{"created", 1},
                 {"won", 0},
                 {"lost", 1},
                 {"win_rate", 0.0},
                 {"average_sales_cycle_days", nullptr}}},
               {"revenue_won", json::array()},
               {"open_pipeline",
                {{{"currency", "BRL"},
                  {"open_deals", 1},
                  {"raw_cents", 100000},
                  {"weighted_cents", 10000}},
                 {{"currency", "EUR"},
                  {"open_deals", 1},
                  {"raw_cents", 30000},
                  {"weighted_cents", 15000}}}}});

    const auto empty = f.view(projections::metrics_overview, "2026-02-01", "2026-02-28");
    CHECK(empty["leads"]["created"] == 0);
    CHECK(empty["leads"]["qualification_rate"].is_null());
    CHECK(empty["deals"]["win_rate"].is_null());
    CHECK(empty["open_pipeline"] == json::array());
}

TEST_CASE("the funnel is the open value by stage in board order at the end of `to`") {
    fixture f;
    f.apply_all();
    const auto funnel_at = [&](const std::string& to) {
        return f.view(projections::metrics_funnel, "2026-03-01", to);
    };
    CHECK(funnel_at("2026-03-03") ==
          json{{"to", "2026-03-03"},
               {"pipelines",
                {{{"pipeline_id", pipeline},
                  {"name", "Sales"},
                  {"stages",
                   {stage("prospecting", "Prospecting", 10, 1, {open_value("BRL", 999, 99)}),
                    stage("proposal", "Proposal", 50, 1, {open_value("BRL", 100000, 50000)}),
                    stage("negotiation", "Negotiation", 75, 1, {open_value("USD", 50001, 40000)})}},
                  {"totals",
                   {{"open_deals", 3},
                    {"values",
                     {open_value("BRL", 100999, 50099), open_value("USD", 50001, 40000)}}}}}}}});
    auto quiet_day = funnel_at("2026-03-03");
    quiet_day["to"] = "2026-03-04";
    CHECK(funnel_at("2026-03-04") == quiet_day);
    const auto end = funnel_at("2026-03-05")["pipelines"][0];
    CHECK(end["stages"][0] == stage("prospecting", "Prospecting", 10, 0, json::array()));
    CHECK(end["stages"][1] ==
          stage("proposal", "Proposal", 50, 1, {open_value("EUR", 30000, 15000)}));
    CHECK(end["stages"][2] ==
          stage("negotiation", "Negotiation", 75, 1, {open_value("USD", 50001, 40000)}));
    CHECK(end["totals"]["open_deals"] == 2);

    // End of day 1: deals 3, 4 and 5, weighted rounded down per deal.
    const auto first = funnel_at("2026-03-01")["pipelines"][0];
    CHECK(first["stages"][0]["values"] ==
          json{open_value("BRL", 999, 99), open_value("USD", 700, 70)});
    CHECK(first["stages"][1]["values"] == json{open_value("BRL", 20000, 10000)});
    CHECK(f.view(projections::metrics_funnel, "2026-02-01",
                 "2026-02-28")["pipelines"][0]["totals"]["open_deals"] == 0);
}

TEST_CASE("daily rows cover every day of the range, quiet days as zeros") {
    fixture f;
    f.apply_all();
    const auto day = [](const std::string& date, int lc, int lq, int lv, int dc, int dw, int dl,
                        json revenue) {
        return json{{"day", date},           {"leads_created", lc},
                    {"leads_qualified", lq}, {"leads_converted", lv},
                    {"deals_created", dc},   {"deals_won", dw},
                    {"deals_lost", dl},      {"revenue_won", std::move(revenue)}};
    };
    CHECK(f.view(projections::metrics_daily, "2026-02-28", "2026-03-05") ==
          json{{"from", "2026-02-28"},
               {"to", "2026-03-05"},
               {"days",
                {day("2026-02-28", 0, 0, 0, 0, 0, 0, json::array()),
                 day("2026-03-01", 2, 1, 0, 3, 0, 0, json::array()),
                 day("2026-03-02", 2, 0, 1, 1, 0, 1, json::array()),
                 day("2026-03-03", 0, 2, 1, 1, 0, 0, json::array()),
                 day("2026-03-04", 0, 0, 0, 0, 0, 0, json::array()),
                 day("2026-03-05", 0, 0, 0, 0, 2, 0, {money("BRL", 100999)})}}});
}

TEST_CASE("sources count the leads created in the range with their scores and conversions") {
    fixture f;
    f.apply_all();
    const auto source = [](const std::string& name, int leads, double average, int conversions,
                           double rate) {
        return json{{"source", name},
                    {"leads", leads},
                    {"average_score", average},
                    {"conversions", conversions},
                    {"conversion_rate", rate}};
    };
    CHECK(f.view(projections::metrics_sources, "2026-03-01", "2026-03-05")["sources"] ==
          json{source("web", 2, 77.5, 1, 0.5), source("whatsapp", 2, 45.0, 1, 0.5)});
    CHECK(f.view(projections::metrics_sources, "2026-03-02", "2026-03-02")["sources"] ==
          json{source("whatsapp", 2, 45.0, 1, 0.5)});
}

TEST_CASE("agents are credited with what they owned when it was created or closed") {
    fixture f;
    f.apply_all();
    const auto agent = [](const std::string& owner, int created, int won, int lost, json revenue,
                          json cycle) {
        return json{{"owner_id", owner},
                    {"deals_created", created},
                    {"deals_won", won},
                    {"deals_lost", lost},
                    {"revenue_won", std::move(revenue)},
                    {"average_sales_cycle_days", std::move(cycle)}};
    };
    CHECK(f.view(projections::metrics_agents, "2026-03-01", "2026-03-05")["agents"] ==
          json{agent("ana", 3, 1, 1, {money("BRL", 100000)}, 3.0),
               agent("bia", 2, 1, 0, {money("BRL", 999)}, 4.0)});
    CHECK(f.view(projections::metrics_agents, "2026-03-03", "2026-03-03")["agents"] ==
          json{agent("bia", 1, 0, 0, json::array(), nullptr)});
}

TEST_CASE("another tenant's metrics are not visible") {
    fixture f;
    f.apply_all();
    pqxx::connection reader(f.db.conninfo("ventros_reader"));
    pqxx::read_transaction tx(reader);
    tx.exec("SELECT set_config('app.tenant_id', 'tenant-b', true)");
    const auto b = projections::metrics_overview(tx, {"tenant-b", "2026-03-01", "2026-03-05"});
    CHECK(b["leads"]["created"] == 1);
    CHECK(b["deals"]["created"] == 0);
    // tenant-a's rows asked for under tenant-b's scope: row-level security hides them.
    const auto a = projections::metrics_overview(tx, {tenant, "2026-03-01", "2026-03-05"});
    CHECK(a["leads"]["created"] == 0);
}

TEST_CASE("replays, batch boundaries and a rebuild's table mapping give the same rows") {
    fixture whole;
    whole.apply_all();
    const auto expected = whole.snapshot();

    const auto again = whole.apply(whole.events());
    CHECK(again.applied == 0);
    CHECK(again.skipped == 29);
    CHECK(whole.snapshot() == expected);

    fixture one_by_one;
    for (const auto& e : one_by_one.events()) {
        one_by_one.apply({e});
    }
    CHECK(one_by_one.snapshot() == expected);

    fixture shadow;
    test::create_shadow_tables(shadow.db, shadow.projection.tables());
    shadow.apply(shadow.events(),
                 projections::table_names::with_suffix(shadow.projection.tables(), "_rebuild"));
    CHECK(test::count_rows(shadow.conn, "metrics_daily") == 0);
    std::vector<std::string> shadows;
    for (const auto& table : shadow.projection.tables()) {
        shadows.push_back(table + "_rebuild");
    }
    CHECK(shadow.digest(shadows) == expected);
}

TEST_CASE("events that cannot count are rejected and change nothing") {
    fixture f;
    f.apply_all();
    const auto before = f.snapshot();
    const auto result = f.apply({
        f.make.make(tenant, 1, domain::deal_won{domain::deal_id(deal(9)), {1, "BRL"}}, at(5)),
        f.make.make(tenant, 7, domain::deal_lost{domain::deal_id(deal(2)), "gap"}, at(5)),
        f.make.make(tenant, 4, domain::deal_won{domain::deal_id(deal(1)), {1, "BRL"}}, at(5)),
        f.make.make(tenant, 5, test::created(lead(1), "Again"), at(5)),
    });
    CHECK(result.applied == 0);
    CHECK(result.rejected.size() == 4);
    CHECK(f.snapshot() == before);
}
