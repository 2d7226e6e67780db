#include "lead_api.hpp"

#include <doctest/doctest.h>

using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

TEST_CASE("creating a lead answers 201 with id, version, position, ETag and Location") {
    lead_api api;
    const auto reply = api.send("POST", api.leads_path(),
                                {{"name", "Ana Souza"},
                                 {"email", "ana@example.com"},
                                 {"phone", "+55 11 99999-0000"},
                                 {"company", "Acme"},
                                 {"source", "whatsapp"},
                                 {"tags", {"vip"}},
                                 {"custom_fields", {{"plan", "gold"}}}});
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    CHECK(reply.header("content-type") == "application/json");
    const auto body = reply.json();
    const auto id = body.at("id").get<std::string>();
    CHECK(id.size() == 36);
    CHECK(id[14] == '7'); // UUIDv7
    CHECK(body.at("version") == 1);
    CHECK(reply.header("etag") == "\"1\"");
    CHECK(reply.header("location") == api.lead_path(id));
    CHECK_FALSE(reply.header("x-request-id").empty());

    const auto lead = api.read_lead(id, body.at("position").get<std::string>());
    CHECK(lead.at("id") == id);
    CHECK(lead.at("name") == "Ana Souza");
    CHECK(lead.at("email") == "ana@example.com");
    CHECK(lead.at("company") == "Acme");
    CHECK(lead.at("source") == "whatsapp");
    CHECK(lead.at("stage") == "new");
    CHECK(lead.at("score") == 0);
    CHECK(lead.at("tags") == nlohmann::json{"vip"});
    CHECK(lead.at("custom_fields") == nlohmann::json{{"plan", "gold"}});
    CHECK(lead.at("version") == 1);
    CHECK(lead.at("created_by") == "u-e2e");
}

TEST_CASE("GET of a lead carries its version as ETag") {
    lead_api api;
    const auto created = api.send("POST", api.leads_path(), {{"name", "Bia"}}).json();
    const auto id = created.at("id").get<std::string>();
    const auto reply =
        api.get(api.lead_path(id) + "?consistency=" + created.at("position").get<std::string>());
    REQUIRE(reply.status == 200);
    CHECK(reply.header("etag") == "\"1\"");
}

TEST_CASE("an unknown lead id, or one that is not a UUID, is 404") {
    lead_api api;
    check_problem(api.get(api.lead_path("01900000-0000-7000-8000-000000000000")), 404,
                  "lead-not-found");
    check_problem(api.get(api.lead_path("not-a-uuid")), 404, "lead-not-found");
    check_problem(api.get(api.lead_path("01900000-0000-7000-8000-000000000000") + "/events"), 404,
                  "lead-not-found");
}

TEST_CASE("the event journal lists a lead's events in order, paged with a cursor") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Caio"}});
    std::string position;
    for (const auto& name : {"Caio 2", "Caio 3", "Caio 4"}) {
        const auto reply = api.send("PATCH", api.lead_path(id), {{"name", name}});
        REQUIRE_MESSAGE(reply.status == 200, reply.body);
        position = reply.json().at("position").get<std::string>();
    }
    const auto first = api.get(api.lead_path(id) + "/events?limit=3&consistency=" + position);
    REQUIRE_MESSAGE(first.status == 200, first.body);
    const auto page1 = first.json();
    REQUIRE(page1.at("items").size() == 3);
    CHECK(page1["items"][0].at("type") == "ventros.crm.lead.created.v1");
    CHECK(page1["items"][0].at("version") == 1);
    CHECK(page1["items"][1].at("type") == "ventros.crm.lead.updated.v1");
    CHECK(page1["items"][2].at("version") == 3);
    CHECK(page1["items"][2].at("data").at("name") == "Caio 3");
    CHECK(page1["items"][0].at("actor") == "u-e2e");
    REQUIRE(page1.at("next_cursor").is_string());

    const auto second = api.get(
        api.lead_path(id) + "/events?limit=3&cursor=" + page1.at("next_cursor").get<std::string>());
    REQUIRE_MESSAGE(second.status == 200, second.body);
    const auto page2 = second.json();
    REQUIRE(page2.at("items").size() == 1);
    CHECK(page2["items"][0].at("version") == 4);
    CHECK(page2.at("next_cursor").is_null());
}
