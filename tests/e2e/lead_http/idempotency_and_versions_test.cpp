#include "lead_api.hpp"

#include <doctest/doctest.h>

using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

TEST_CASE("a repeated Idempotency-Key with the same body replays the first answer") {
    lead_api api;
    const nlohmann::json body = {{"name", "Kleber"}};
    const auto first = api.send("POST", api.leads_path(), body, {{"Idempotency-Key", "create-1"}});
    REQUIRE_MESSAGE(first.status == 201, first.body);
    CHECK(first.header("idempotent-replayed").empty());

    const append_watch appends;
    const auto again = api.send("POST", api.leads_path(), body, {{"Idempotency-Key", "create-1"}});
    CHECK(again.status == 201);
    CHECK(again.json() == first.json());
    CHECK(again.header("idempotent-replayed") == "true");
    CHECK(appends.unchanged());

    SUBCASE("the same key with a different body is 422") {
        check_problem(api.send("POST", api.leads_path(), {{"name", "Other"}},
                               {{"Idempotency-Key", "create-1"}}),
                      422, "idempotency-key-reused");
        CHECK(appends.unchanged());
    }
    SUBCASE("keys are scoped to the tenant") {
        lead_api other;
        const auto reply =
            other.send("POST", other.leads_path(), body, {{"Idempotency-Key", "create-1"}});
        CHECK(reply.status == 201);
        CHECK(reply.json().at("id") != first.json().at("id"));
    }
}

TEST_CASE("an invalid Idempotency-Key is 400 and appends nothing") {
    lead_api api;
    const append_watch appends;
    check_problem(api.send("POST", api.leads_path(), {{"name", "L"}},
                           {{"Idempotency-Key", std::string(300, 'k')}}),
                  400, "invalid-idempotency-key");
    CHECK(appends.unchanged());
}

TEST_CASE("If-Match guards the version: a stale one is 412 with the current ETag") {
    lead_api api;
    const auto id = api.create_lead({{"name", "Lia"}});
    const auto updated =
        api.send("PATCH", api.lead_path(id), {{"name", "Lia 2"}}, {{"If-Match", "\"1\""}});
    REQUIRE_MESSAGE(updated.status == 200, updated.body);
    CHECK(updated.json().at("version") == 2);

    const append_watch appends;
    const auto stale =
        api.send("PATCH", api.lead_path(id), {{"name", "Lia 3"}}, {{"If-Match", "\"1\""}});
    check_problem(stale, 412, "precondition-failed");
    CHECK(stale.header("etag") == "\"2\"");
    CHECK(stale.json().at("current_version") == 2);
    check_problem(api.send("PATCH", api.lead_path(id), {{"name", "x"}}, {{"If-Match", "one"}}), 400,
                  "invalid-if-match");
    CHECK(appends.unchanged());
}
