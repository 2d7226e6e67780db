// Pins how the writer decides activities against the rest of its state: linked leads and
// deals and contacts must exist in the tenant, refusals and rolled-back
// batches leave no trace, and agents touch only their own activities.
#include "aggregate_store.hpp"
#include "project_fixture.hpp"

#include <doctest/doctest.h>

using namespace ventros;

namespace {

const domain::tenant_id acme("acme");
const domain::tenant_id globex("globex");
const domain::lead_id lead{"0190a8e0-0000-7000-8000-000000000001"};
const domain::deal_id deal{"0190a8e0-0000-7000-8000-0000000000d1"};
const domain::contact_id contact{"0190a8e0-0000-7000-8000-0000000000c1"};
const domain::activity_id call{"0190a8e0-0000-7000-8000-0000000000e1"};
const domain::pipeline_id sales_pipeline{"0190a8e0-0000-7000-8000-0000000000f1"};

commands::write_request request_for(domain::crm_command command,
                                    const domain::tenant_id& tenant = acme,
                                    domain::role role = domain::role::admin,
                                    std::string actor = "u1") {
    commands::write_request r;
    r.context = {tenant, domain::user_id(std::move(actor)), role, {}};
    r.command = std::move(command);
    return r;
}

domain::crm_command new_call(domain::activity_links links) {
    return domain::activity_command(domain::create_activity{.id = call,
                                                            .kind = domain::activity_kind::call,
                                                            .subject = "Call Ana",
                                                            .links = std::move(links)});
}

domain::crm_command complete_call() {
    return domain::activity_command(domain::complete_activity{.id = call, .outcome = "done"});
}

std::optional<domain::crm_error> refusal(commands::aggregate_store& store,
                                         const commands::write_request& request) {
    const auto decided = store.decide_and_apply(request);
    if (decided) {
        return std::nullopt;
    }
    REQUIRE(decided.error().what == commands::write_failure::kind::domain);
    return decided.error().domain_error;
}

/// A store where tenant acme has `lead`, `deal` and `contact`.
commands::aggregate_store store_with_lead_and_deal() {
    commands::aggregate_store store([] { return sales_pipeline; });
    test::open_project(store, "acme");
    test::open_project(store, "globex");
    const domain::crm_command new_lead =
        domain::lead_command(domain::create_lead{.id = lead, .name = "Ana"});
    const domain::crm_command new_deal = domain::deal_command(domain::create_deal{
        .id = deal, .title = "Pilot", .value = {100, "BRL"}, .pipeline = sales_pipeline});
    const domain::crm_command new_contact =
        domain::contact_command(domain::create_contact{.id = contact, .name = "Bia"});
    REQUIRE(store.decide_and_apply(request_for(new_lead)));
    REQUIRE(store.decide_and_apply(request_for(new_deal)));
    REQUIRE(store.decide_and_apply(request_for(new_contact)));
    return store;
}

} // namespace

TEST_CASE("an activity may link to a lead, a deal and a contact of its tenant") {
    auto store = store_with_lead_and_deal();
    const auto decided = store.decide_and_apply(
        request_for(new_call({.lead = lead, .deal = deal, .contact = contact})));
    REQUIRE(decided);
    REQUIRE(decided->size() == 1);
    CHECK(decided->front().version == 1);
    CHECK(domain::kind_of(decided->front().event) == domain::aggregate_kind::activity);
    const auto* found = store.find_activity(acme, call);
    REQUIRE(found != nullptr);
    CHECK(found->assignee == domain::user_id("u1"));
    CHECK(store.find_activity(globex, call) == nullptr);
}

TEST_CASE("a lead or deal the tenant does not have is refused and nothing is kept") {
    auto store = store_with_lead_and_deal();
    const domain::lead_id stranger{"0190a8e0-0000-7000-8000-0000000000ff"};
    CHECK(refusal(store, request_for(new_call({.lead = stranger}))) ==
          domain::crm_error(domain::activity_error::unknown_lead));
    CHECK(refusal(store, request_for(new_call({.deal = domain::deal_id(stranger.str())}))) ==
          domain::crm_error(domain::activity_error::unknown_deal));
    CHECK(refusal(store, request_for(new_call({.contact = domain::contact_id(stranger.str())}))) ==
          domain::crm_error(domain::activity_error::unknown_contact));
    // Another tenant's lead and deal are as unknown as ids nobody used.
    CHECK(refusal(store, request_for(new_call({.lead = lead}), globex)) ==
          domain::crm_error(domain::activity_error::unknown_lead));
    CHECK(refusal(store, request_for(new_call({.deal = deal}), globex)) ==
          domain::crm_error(domain::activity_error::unknown_deal));
    CHECK(store.find_activity(acme, call) == nullptr);

    REQUIRE(store.decide_and_apply(request_for(new_call({.lead = lead}))));
    const domain::crm_command relink = domain::activity_command(domain::update_activity{
        .id = call, .deal = std::optional(domain::deal_id(stranger.str()))});
    CHECK(refusal(store, request_for(relink)) ==
          domain::crm_error(domain::activity_error::unknown_deal));
    CHECK(store.find_activity(acme, call)->version == 1);
}

TEST_CASE("completing twice is a conflict; a rolled-back completion never happened") {
    auto store = store_with_lead_and_deal();
    REQUIRE(store.decide_and_apply(request_for(new_call({.lead = lead}))));
    store.begin_batch();
    REQUIRE(store.decide_and_apply(request_for(complete_call())));
    CHECK(store.find_activity(acme, call)->completed);
    store.rollback_batch();
    CHECK_FALSE(store.find_activity(acme, call)->completed);
    CHECK(store.find_activity(acme, call)->version == 1);

    REQUIRE(store.decide_and_apply(request_for(complete_call())));
    CHECK(refusal(store, request_for(complete_call())) ==
          domain::crm_error(domain::activity_error::already_completed));
    CHECK(store.find_activity(acme, call)->version == 2);
}

TEST_CASE("an agent may not touch an activity neither assigned to nor created by them") {
    auto store = store_with_lead_and_deal();
    REQUIRE(store.decide_and_apply(request_for(new_call({.lead = lead}))));
    CHECK(refusal(store, request_for(complete_call(), acme, domain::role::agent, "u2")) ==
          domain::crm_error(domain::activity_error::not_permitted));
    CHECK(refusal(store, request_for(complete_call(), acme, domain::role::viewer, "u1")) ==
          domain::crm_error(domain::activity_error::not_permitted));
    CHECK_FALSE(refusal(store, request_for(complete_call(), acme, domain::role::agent, "u1")));
}
