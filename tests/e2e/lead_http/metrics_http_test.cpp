// Pins the metrics endpoints as a client calls them: every view answers for the caller's
// tenant and any of its roles, waits on a consistency token, defaults to the 30 days
// ending today (UTC), and refuses bad dates, from after to, ranges over 366 days, unknown
// parameters, another tenant and a missing token with problem+json.
#include "lead_api.hpp"

#include <chrono>
#include <cstdio>
#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

const std::vector<std::string> views{"overview", "funnel", "daily", "sources", "agents"};

std::string metrics_path(const lead_api& api, const std::string& view) {
    return api.tenant_path() + "/metrics/" + view;
}

std::string date_text(std::chrono::sys_days day) {
    const std::chrono::year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::chrono::sys_days today() {
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

} // namespace

TEST_CASE("every metrics view answers for the caller's tenant once its writes are projected") {
    lead_api api;
    const auto created = api.command("POST", api.leads_path(),
                                     {{"name", "Metrics Lead"}, {"source", "whatsapp"}}, 201);
    const auto position = created.at("position").get<std::string>();
    // The day the lead was created is today (UTC), or yesterday across midnight.
    const auto range = "?from=" + date_text(today() - std::chrono::days{1}) +
                       "&to=" + date_text(today() + std::chrono::days{1});

    const auto overview = api.read(metrics_path(api, "overview") + range, position);
    CHECK(overview.at("leads").at("created") == 1);
    CHECK(overview.at("leads").at("qualification_rate") == 0.0);
    CHECK(overview.at("deals").at("win_rate").is_null());
    const auto sources = api.read(metrics_path(api, "sources") + range, position);
    CHECK(sources.at("sources") == json::array({{{"source", "whatsapp"},
                                                 {"leads", 1},
                                                 {"average_score", 0.0},
                                                 {"conversions", 0},
                                                 {"conversion_rate", 0.0}}}));
    const auto daily = api.read(metrics_path(api, "daily") + range, position);
    REQUIRE(daily.at("days").size() == 3);
    long created_leads = 0;
    for (const auto& day : daily.at("days")) {
        created_leads += day.at("leads_created").get<long>();
    }
    CHECK(created_leads == 1);
    // The tenant's first command created its default pipeline: the funnel lists its stages.
    const auto funnel = api.read(metrics_path(api, "funnel") + range, position);
    REQUIRE(funnel.at("pipelines").size() == 1);
    CHECK(funnel.at("pipelines").at(0).at("stages").size() == 4);
    CHECK(funnel.at("pipelines").at(0).at("totals").at("open_deals") == 0);
    CHECK(api.read(metrics_path(api, "agents") + range, position).at("agents") == json::array());
}

TEST_CASE("without from and to a view covers the 30 days ending today") {
    lead_api api;
    const auto before = today();
    const auto reply = api.get(metrics_path(api, "daily"));
    const auto after = today();
    REQUIRE(reply.status == 200);
    const auto body = reply.json();
    const auto to = body.at("to").get<std::string>();
    CHECK((to == date_text(before) || to == date_text(after)));
    CHECK(body.at("days").size() == 30);
    CHECK(body.at("days").back().at("day") == to);

    const auto only_to = api.get(metrics_path(api, "overview") + "?to=2026-03-31").json();
    CHECK(only_to.at("from") == "2026-03-02");
    const auto longest = api.get(metrics_path(api, "daily") + "?from=2024-01-01&to=2024-12-31");
    REQUIRE(longest.status == 200);
    CHECK(longest.json().at("days").size() == 366);
}

TEST_CASE("bad ranges and unknown parameters are 422 invalid-query naming the parameter") {
    lead_api api;
    for (const auto& view : views) {
        const auto invalid = [&](const std::string& query, const std::string& field) {
            const auto target = metrics_path(api, view) + query;
            CAPTURE(target);
            const auto reply = api.get(target);
            check_problem(reply, 422, "invalid-query");
            CHECK(reply.json().at("errors").at(0).at("field") == field);
        };
        invalid("?from=2026-02-30", "from");
        invalid("?from=yesterday", "from");
        invalid("?to=2026-1-05", "to");
        invalid("?to=", "to");
        invalid("?from=2026-03-02&to=2026-03-01", "from");
        invalid("?from=2025-01-01&to=2026-01-02", "to"); // 367 days
        invalid("?from=2026-03-01&to=2026-03-02&limit=5", "limit");
        invalid("?consistency=nonsense", "consistency");
    }
}

TEST_CASE("metrics are read by every role of the tenant and by no one else") {
    lead_api admin;
    for (const auto* role : {"manager", "agent", "viewer"}) {
        CAPTURE(role);
        const lead_api reader(role);
        for (const auto& view : views) {
            CHECK(reader.get(metrics_path(reader, view)).status == 200);
        }
    }
    const lead_api other;
    for (const auto& view : views) {
        CAPTURE(view);
        check_problem(other.get(metrics_path(admin, view)), 403, "forbidden");
        check_problem(
            ventros::e2e::shared_stack().client().request("GET", metrics_path(admin, view)), 401,
            "unauthorized");
    }
}
