#include "lead_api.hpp"

#include <doctest/doctest.h>
#include <set>

using ventros::e2e::lead_api;

namespace {

/// The ids of a list response, after checking it is a 200 page.
std::set<std::string> ids_of(const ventros::testing::http_reply& reply) {
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    const auto page = reply.json();
    std::set<std::string> ids;
    for (const auto& item : page.at("items")) {
        ids.insert(item.at("id").get<std::string>());
    }
    return ids;
}

struct seeded_tenant {
    lead_api api;
    std::string web_hot;  // source web, qualified (score 120), assigned to ag-1
    std::string web_cold; // source web, score 15
    std::string whatsapp; // source whatsapp, new, name "Zé Ninguém"
    std::string position; // of the last command

    seeded_tenant() {
        web_hot =
            api.create_lead({{"name", "Iara"}, {"email", "iara@corp.example"}, {"source", "web"}});
        web_cold = api.create_lead({{"name", "Joana"}, {"source", "web"}});
        whatsapp = api.create_lead({{"name", "Zé Ninguém"}, {"source", "whatsapp"}});
        api.send("POST", api.lead_path(web_hot) + "/qualification",
                 {{"budget", "above_10000"},
                  {"authority", "decision_maker"},
                  {"need", "vendas"},
                  {"timeline", "immediately"}});
        api.send("POST", api.lead_path(web_cold) + "/qualification",
                 {{"budget", "under_1000"}, {"authority", "researching"}});
        const auto last =
            api.send("POST", api.lead_path(web_hot) + "/assignment", {{"agent_id", "ag-1"}});
        REQUIRE_MESSAGE(last.status == 200, last.body);
        position = last.json().at("position").get<std::string>();
    }

    std::set<std::string> list(const std::string& query) const {
        return ids_of(api.get(api.leads_path() + "?consistency=" + position +
                              (query.empty() ? "" : "&" + query)));
    }
};

} // namespace

TEST_CASE("GET /leads filters by stage, min_score, source, assigned_to and q") {
    const seeded_tenant t;
    CHECK(t.list("") == std::set{t.web_hot, t.web_cold, t.whatsapp});
    CHECK(t.list("stage=qualified") == std::set{t.web_hot});
    CHECK(t.list("stage=new") == std::set{t.whatsapp});
    CHECK(t.list("min_score=15") == std::set{t.web_hot, t.web_cold});
    CHECK(t.list("min_score=100") == std::set{t.web_hot});
    CHECK(t.list("source=web") == std::set{t.web_hot, t.web_cold});
    CHECK(t.list("source=whatsapp&stage=qualified").empty());
    CHECK(t.list("assigned_to=ag-1") == std::set{t.web_hot});
    CHECK(t.list("q=IARA") == std::set{t.web_hot});
    CHECK(t.list("q=corp.example") == std::set{t.web_hot});
    CHECK(t.list("q=z%C3%A9") == std::set{t.whatsapp}); // "zé", matched case-insensitively
}

TEST_CASE("GET /leads pages with limit and an opaque cursor, each lead exactly once") {
    lead_api api;
    std::set<std::string> created;
    std::string position;
    for (int i = 0; i < 7; ++i) {
        const auto reply =
            api.send("POST", api.leads_path(), {{"name", "Lead " + std::to_string(i)}});
        REQUIRE(reply.status == 201);
        created.insert(reply.json().at("id").get<std::string>());
        position = reply.json().at("position").get<std::string>();
    }
    REQUIRE(api.get(api.leads_path() + "?consistency=" + position).status == 200);

    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
        const auto reply =
            api.get(api.leads_path() + "?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
        REQUIRE_MESSAGE(reply.status == 200, reply.body);
        const auto page = reply.json();
        CHECK(page.at("items").size() <= 3);
        for (const auto& item : page.at("items")) {
            CHECK(seen.insert(item.at("id").get<std::string>()).second);
        }
        cursor = page.at("next_cursor").is_string() ? page["next_cursor"].get<std::string>() : "";
        ++pages;
    } while (!cursor.empty() && pages < 10);
    CHECK(pages == 3);
    CHECK(seen == created);
}
