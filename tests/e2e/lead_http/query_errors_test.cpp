#include "lead_api.hpp"

#include <doctest/doctest.h>

using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

TEST_CASE("bad query parameters are 422 invalid-query naming the parameter") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Tiago"}});
    const auto invalid = [&](const std::string& target, const std::string& field) {
        CAPTURE(target);
        const auto reply = api.get(target);
        check_problem(reply, 422, "invalid-query");
        CHECK(reply.json().at("errors").at(0).at("field") == field);
    };
    invalid(api.leads_path() + "?stage=flying", "stage");
    invalid(api.leads_path() + "?source=fax", "source");
    invalid(api.leads_path() + "?min_score=-1", "min_score");
    invalid(api.leads_path() + "?min_score=ten", "min_score");
    invalid(api.leads_path() + "?limit=0", "limit");
    invalid(api.leads_path() + "?limit=501", "limit");
    invalid(api.leads_path() + "?cursor=garbage", "cursor");
    invalid(api.leads_path() + "?q=" + std::string(201, 'q'), "q");
    invalid(api.leads_path() + "?order=name", "order");
    invalid(api.leads_path() + "?consistency=nonsense", "consistency");
    invalid(api.lead_path(id) + "?consistency=crm:x:1", "consistency");
    invalid(api.lead_path(id) + "?stage=new", "stage");
    invalid(api.lead_path(id) + "/events?limit=1000", "limit");
    invalid(api.lead_path(id) + "/events?cursor=garbage", "cursor");
}

TEST_CASE("a cursor of one list is refused by another") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Ugo"}});
    api.create_lead({{"name", "Ugo 2"}});
    const auto patched = api.send("PATCH", api.lead_path(id), {{"name", "Ugo 1b"}});
    REQUIRE(patched.status == 200);
    const auto events = api.get(api.lead_path(id) + "/events?limit=1&consistency=" +
                                patched.json().at("position").get<std::string>());
    REQUIRE(events.status == 200);
    const auto cursor = events.json().at("next_cursor");
    REQUIRE(cursor.is_string());
    check_problem(api.get(api.leads_path() + "?cursor=" + cursor.get<std::string>()), 422,
                  "invalid-query");
}

TEST_CASE("a consistency token the projector has not reached answers stale, not an error") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Vera"}});
    // A position far beyond the end of the topic: the wait is bounded, the read still served.
    const auto reply =
        api.get(api.lead_path(id) + "?consistency=" + ventros::e2e::shared_stack().topic("crm") +
                ":0:999999999");
    CHECK(reply.status == 200);
    CHECK(reply.header("ventros-consistency") == "stale");
}
