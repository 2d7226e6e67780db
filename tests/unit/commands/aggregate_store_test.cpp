// Pins the writer's in-memory state: decisions against it, If-Match, and rollback of a
// batch whose transaction failed.
#include "aggregate_store.hpp"
#include "project_fixture.hpp"

#include <doctest/doctest.h>

using namespace ventros;

namespace {

commands::write_request request_for(domain::crm_command command,
                                    std::optional<std::uint32_t> if_match = std::nullopt) {
    commands::write_request r;
    r.context = {domain::tenant_id("acme"), domain::user_id("u1"), domain::role::admin, {}};
    r.command = std::move(command);
    r.if_match = if_match;
    return r;
}

const domain::lead_id lead{"0190a8e0-0000-7000-8000-000000000001"};

domain::create_lead create() {
    domain::create_lead c;
    c.id = lead;
    c.name = "Ana";
    return c;
}

} // namespace

TEST_CASE("a created lead is found at version 1 in its tenant only") {
    commands::aggregate_store store;
    test::open_project(store);
    REQUIRE(store.decide_and_apply(request_for(create())));
    const auto state = store.find_lead(domain::tenant_id("acme"), lead);
    REQUIRE(state);
    CHECK(state->id == lead);
    CHECK(state->version == 1);
    CHECK_FALSE(store.find_lead(domain::tenant_id("other"), lead));
    CHECK(store.lead_count() == 1);
}

TEST_CASE("If-Match must equal the current version") {
    commands::aggregate_store store;
    test::open_project(store);
    REQUIRE(store.decide_and_apply(request_for(create())));
    domain::mark_lead_lost lost{lead, "price"};
    auto stale = store.decide_and_apply(request_for(lost, 7));
    REQUIRE_FALSE(stale);
    CHECK(stale.error().what == commands::write_failure::kind::precondition_failed);
    CHECK(stale.error().current_version == 1);
    CHECK(store.decide_and_apply(request_for(lost, 1)));
    CHECK(store.find_lead(domain::tenant_id("acme"), lead)->stage == domain::lead_stage::lost);
}

TEST_CASE("domain refusals come back as domain failures and change nothing") {
    commands::aggregate_store store;
    test::open_project(store);
    auto missing = store.decide_and_apply(request_for(domain::mark_lead_lost{lead, "x"}));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().what == commands::write_failure::kind::domain);
    CHECK(missing.error().domain_error == domain::crm_error(domain::lead_error::not_found));
    CHECK(store.lead_count() == 0);
}

TEST_CASE("rolling back a batch restores every aggregate it touched") {
    commands::aggregate_store store;
    test::open_project(store);
    REQUIRE(store.decide_and_apply(request_for(create())));
    store.begin_batch();
    domain::create_lead second = create();
    second.id = domain::lead_id("0190a8e0-0000-7000-8000-000000000002");
    REQUIRE(store.decide_and_apply(request_for(second)));
    REQUIRE(store.decide_and_apply(request_for(domain::mark_lead_lost{lead, "price"})));
    store.rollback_batch();
    CHECK_FALSE(store.find_lead(domain::tenant_id("acme"), second.id));
    CHECK(store.find_lead(domain::tenant_id("acme"), lead)->version == 1);
    CHECK(store.find_lead(domain::tenant_id("acme"), lead)->stage == domain::lead_stage::new_lead);
    CHECK(store.lead_count() == 1);

    store.begin_batch();
    REQUIRE(store.decide_and_apply(request_for(domain::mark_lead_lost{lead, "price"})));
    store.commit_batch();
    CHECK(store.find_lead(domain::tenant_id("acme"), lead)->version == 2);
}

TEST_CASE("a lead id that is not a lower-case UUID is kept and matched by its exact text") {
    commands::aggregate_store store;
    test::open_project(store);
    domain::create_lead upper = create();
    upper.id = domain::lead_id("0190A8E0-0000-7000-8000-000000000001");
    REQUIRE(store.decide_and_apply(request_for(upper)));
    REQUIRE(store.decide_and_apply(request_for(create())));
    CHECK(store.lead_count() == 2);
    const auto found = store.find_lead(domain::tenant_id("acme"), upper.id);
    REQUIRE(found);
    CHECK(found->id == upper.id);
    CHECK(found->created_by == domain::user_id("u1"));
    CHECK_FALSE(store.find_lead(domain::tenant_id("acme"),
                                domain::lead_id("0190A8E0-0000-7000-8000-000000000002")));
}
