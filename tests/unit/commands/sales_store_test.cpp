// Pins how the writer's state ties leads, pipelines and deals together: the default
// pipeline a tenant's first command creates, deals placed in it, the stage-removal rule fed
// by open-deal counts, and a conversion that yields both events or none.
#include "aggregate_store.hpp"
#include "project_fixture.hpp"

#include <doctest/doctest.h>

using namespace ventros;

namespace {

const domain::tenant_id acme("acme");
const domain::lead_id lead{"0190a8e0-0000-7000-8000-000000000001"};
const domain::deal_id deal{"0190a8e0-0000-7000-8000-0000000000d1"};
const domain::pipeline_id sales_pipeline{"0190a8e0-0000-7000-8000-0000000000f1"};

commands::aggregate_store make_store() {
    commands::aggregate_store store([] { return sales_pipeline; });
    test::open_project(store);
    return store;
}

commands::write_request request_for(domain::crm_command command,
                                    domain::role role = domain::role::admin) {
    commands::write_request r;
    r.context = {acme, domain::user_id("u1"), role, {}};
    r.command = std::move(command);
    return r;
}

domain::create_deal new_deal(domain::deal_id id = deal) {
    domain::create_deal c;
    c.id = std::move(id);
    c.title = "Pilot";
    c.value = {150000, "BRL"};
    return c;
}

std::vector<commands::decided_event> accepted(commands::aggregate_store& store,
                                              domain::crm_command command) {
    auto decided = store.decide_and_apply(request_for(std::move(command)));
    REQUIRE(decided);
    return std::move(*decided);
}

domain::crm_error refused(commands::aggregate_store& store, domain::crm_command command) {
    auto decided = store.decide_and_apply(request_for(std::move(command)));
    REQUIRE_FALSE(decided);
    REQUIRE(decided.error().what == commands::write_failure::kind::domain);
    return decided.error().domain_error.value();
}

domain::lead_conversion conversion() {
    domain::lead_conversion c;
    c.lead = {lead, deal, false};
    c.deal = new_deal();
    c.deal.lead = lead;
    return c;
}

void create_lead(commands::aggregate_store& store) {
    accepted(store, domain::lead_command(domain::create_lead{.id = lead, .name = "Ana"}));
}

void qualify_lead(commands::aggregate_store& store) {
    domain::bant_answers answers;
    answers.budget = domain::budget_answer::above_10000;
    answers.authority = domain::authority_answer::decision_maker;
    answers.need = "replace the spreadsheet";
    answers.timeline = domain::timeline_answer::immediately;
    accepted(store, domain::lead_command(domain::answer_bant{lead, answers}));
}

} // namespace

TEST_CASE("a tenant without a project is refused; opening one creates its default pipeline") {
    commands::aggregate_store store([] { return sales_pipeline; });
    const auto missing = store.decide_and_apply(
        request_for(domain::lead_command(domain::create_lead{.id = lead, .name = "Ana"})));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().domain_error == domain::crm_error(domain::project_error::not_found));
    CHECK(store.default_pipeline(acme).empty());
    CHECK_FALSE(store.find_lead(acme, lead));

    const auto opened = store.decide_and_apply(test::opening_request("acme"));
    REQUIRE(opened);
    CHECK(std::ranges::count_if(*opened, [](const auto& d) {
              return std::holds_alternative<domain::pipeline_event>(d.event);
          }) == 1);
    CHECK(store.default_pipeline(acme) == sales_pipeline);
    CHECK(store.find_pipeline(acme, sales_pipeline)->version == 1);

    const auto first =
        accepted(store, domain::lead_command(domain::create_lead{.id = lead, .name = "Ana"}));
    REQUIRE(first.size() == 1);
    CHECK(first[0].version == 1);
    CHECK(domain::aggregate_id_of(first[0].event) == lead.str());
}

TEST_CASE("a deal without a pipeline goes to the default one's first stage") {
    auto store = make_store();
    const auto events = accepted(store, domain::deal_command(new_deal()));
    REQUIRE(events.size() == 1);
    const auto& created =
        std::get<domain::deal_created>(std::get<domain::deal_event>(events[0].event));
    CHECK(created.pipeline == sales_pipeline);
    const auto* pipeline = store.find_pipeline(acme, sales_pipeline);
    REQUIRE(pipeline != nullptr);
    CHECK(created.stage == pipeline->stages.front().id);
    CHECK(created.probability == pipeline->stages.front().probability);
    CHECK(store.find_deal(acme, deal)->version == 1);
}

TEST_CASE("a pipeline created as the default replaces the previous default") {
    auto store = make_store();
    create_lead(store);
    const domain::pipeline_id partners("0190a5c4-0000-7000-8000-00000000aa01");
    const domain::pipeline_id renewals("0190a5c4-0000-7000-8000-00000000aa02");
    accepted(store, domain::pipeline_command(domain::create_pipeline{
                        partners, "Partners", {{"intro", "Intro", 20}}, false}));
    CHECK(store.default_pipeline(acme) == sales_pipeline);
    accepted(store, domain::pipeline_command(domain::create_pipeline{
                        renewals, "Renewals", {{"renew", "Renew", 70}}, true}));
    CHECK(store.default_pipeline(acme) == renewals);

    const auto events = accepted(store, domain::deal_command(new_deal()));
    REQUIRE(events.size() == 1);
    const auto& created =
        std::get<domain::deal_created>(std::get<domain::deal_event>(events[0].event));
    CHECK(created.pipeline == renewals);
    CHECK(created.stage == "renew");
}

TEST_CASE("a stage holding open deals cannot be removed until they close") {
    auto store = make_store();
    accepted(store, domain::deal_command(new_deal()));
    const auto stage = store.find_deal(acme, deal)->stage;
    const auto remove =
        domain::pipeline_command(domain::remove_pipeline_stage{sales_pipeline, stage});
    CHECK(refused(store, remove) ==
          domain::crm_error(domain::pipeline_error::stage_has_open_deals));
    accepted(store, domain::deal_command(domain::lose_deal{deal, "budget"}));
    const auto removed = accepted(store, remove);
    REQUIRE(removed.size() == 1);
    CHECK(store.find_pipeline(acme, sales_pipeline)->find_stage(stage) == nullptr);
}

TEST_CASE("a conversion appends the new deal, then the lead's conversion") {
    auto store = make_store();
    create_lead(store);
    qualify_lead(store);
    const auto events = accepted(store, conversion());
    REQUIRE(events.size() == 2);
    const auto& created =
        std::get<domain::deal_created>(std::get<domain::deal_event>(events[0].event));
    CHECK(created.id == deal);
    CHECK(created.lead == lead);
    CHECK(created.pipeline == sales_pipeline);
    CHECK(std::holds_alternative<domain::lead_converted>(
        std::get<domain::lead_event>(events[1].event)));
    CHECK(store.find_lead(acme, lead)->stage == domain::lead_stage::converted);
    CHECK(store.find_deal(acme, deal) != nullptr);

    CHECK(refused(store, conversion()) == domain::crm_error(domain::lead_error::already_converted));
}

TEST_CASE("a conversion refused on either side changes neither") {
    auto store = make_store();
    create_lead(store);
    CHECK(refused(store, conversion()) == domain::crm_error(domain::lead_error::not_qualified));
    CHECK(store.find_deal(acme, deal) == nullptr);

    qualify_lead(store);
    auto bad_stage = conversion();
    bad_stage.deal.stage = "no-such-stage";
    CHECK(refused(store, bad_stage) == domain::crm_error(domain::deal_error::unknown_stage));
    CHECK(store.find_lead(acme, lead)->stage == domain::lead_stage::qualified);
    CHECK(store.find_deal(acme, deal) == nullptr);
}

TEST_CASE("rolling back a batch restores deals, pipelines and open-deal counts") {
    auto store = make_store();
    accepted(store, domain::deal_command(new_deal()));
    const auto stage = store.find_deal(acme, deal)->stage;
    store.begin_batch();
    accepted(store, domain::deal_command(domain::win_deal{deal}));
    accepted(store, domain::pipeline_command(domain::remove_pipeline_stage{sales_pipeline, stage}));
    store.rollback_batch();
    CHECK(store.find_deal(acme, deal)->status == domain::deal_status::open);
    CHECK(store.find_pipeline(acme, sales_pipeline)->find_stage(stage) != nullptr);
    CHECK(refused(store,
                  domain::pipeline_command(domain::remove_pipeline_stage{sales_pipeline, stage})) ==
          domain::crm_error(domain::pipeline_error::stage_has_open_deals));
}

TEST_CASE("an agent may not touch a deal they neither own nor created") {
    auto store = make_store();
    accepted(store, domain::deal_command(new_deal()));
    auto request = request_for(domain::deal_command(domain::win_deal{deal}), domain::role::agent);
    request.context.actor = domain::user_id("someone-else");
    const auto decided = store.decide_and_apply(request);
    REQUIRE_FALSE(decided);
    CHECK(decided.error().domain_error == domain::crm_error(domain::deal_error::not_permitted));
    CHECK(store.find_deal(acme, deal)->status == domain::deal_status::open);
}
