// Pins the crm.hpp helpers the writer and the event log route by: the kind and id of every
// event and command, which events create their aggregate, and the slugs of refusals.
#include "ventros/domain/crm.hpp"

#include <doctest/doctest.h>

using namespace ventros::domain;

namespace {

const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};
const money no_value{.cents = 0, .currency = "BRL"};
const activity_id call_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};

} // namespace

TEST_CASE("collections name the path segment and subject prefix of each kind") {
    CHECK(collection_of(aggregate_kind::lead) == "leads");
    CHECK(collection_of(aggregate_kind::deal) == "deals");
    CHECK(collection_of(aggregate_kind::pipeline) == "pipelines");
    CHECK(collection_of(aggregate_kind::activity) == "activities");
}

TEST_CASE("an event's kind and aggregate id come from the aggregate it is about") {
    const crm_event lead = lead_lost{.id = lead_1, .reason = "x"};
    const crm_event deal = deal_won{.id = deal_1};
    const crm_event pipeline = pipeline_stage_removed{.id = sales, .stage_id = "demo"};
    CHECK(kind_of(lead) == aggregate_kind::lead);
    CHECK(kind_of(deal) == aggregate_kind::deal);
    CHECK(kind_of(pipeline) == aggregate_kind::pipeline);
    CHECK(aggregate_id_of(lead) == lead_1.str());
    CHECK(aggregate_id_of(deal) == deal_1.str());
    CHECK(aggregate_id_of(pipeline) == sales.str());
    const crm_event activity = activity_completed{.id = call_1, .outcome = "ok"};
    CHECK(kind_of(activity) == aggregate_kind::activity);
    CHECK(aggregate_id_of(activity) == call_1.str());
    // A converted lead names its deal, but the event is still about the lead.
    CHECK(aggregate_id_of(crm_event{lead_converted{.id = lead_1, .deal = deal_1}}) == lead_1.str());
}

TEST_CASE("a command's kind and aggregate id; a conversion is about its lead") {
    const crm_command lead = mark_lead_lost{.id = lead_1, .reason = "x"};
    const crm_command deal = win_deal{.id = deal_1};
    const crm_command pipeline = remove_pipeline_stage{.id = sales, .stage_id = "demo"};
    const crm_command conversion =
        lead_conversion{.lead = {.id = lead_1, .deal = deal_1},
                        .deal = {.id = deal_1, .value = no_value, .lead = lead_1}};
    CHECK(kind_of(lead) == aggregate_kind::lead);
    CHECK(kind_of(deal) == aggregate_kind::deal);
    CHECK(kind_of(pipeline) == aggregate_kind::pipeline);
    CHECK(kind_of(conversion) == aggregate_kind::lead);
    CHECK(aggregate_id_of(lead) == lead_1.str());
    CHECK(aggregate_id_of(deal) == deal_1.str());
    CHECK(aggregate_id_of(pipeline) == sales.str());
    CHECK(aggregate_id_of(conversion) == lead_1.str());
    const crm_command activity = complete_activity{.id = call_1, .outcome = "ok"};
    CHECK(kind_of(activity) == aggregate_kind::activity);
    CHECK(aggregate_id_of(activity) == call_1.str());
}

TEST_CASE("only the created events create their aggregate") {
    CHECK(creates_aggregate(lead_created{.id = lead_1}));
    CHECK(creates_aggregate(deal_created{.id = deal_1}));
    CHECK(creates_aggregate(default_pipeline(sales)));
    CHECK(creates_aggregate(activity_created{.id = call_1}));
    for (const crm_event& later :
         {crm_event{lead_updated{.id = lead_1}},
          crm_event{lead_converted{.id = lead_1, .deal = deal_1}},
          crm_event{deal_updated{.id = deal_1}}, crm_event{deal_reopened{.id = deal_1}},
          crm_event{pipeline_stage_added{.id = sales}},
          crm_event{pipeline_stages_reordered{.id = sales}},
          crm_event{activity_updated{.id = call_1}}, crm_event{activity_completed{.id = call_1}}}) {
        CHECK_FALSE(creates_aggregate(later));
    }
}

TEST_CASE("a crm error reads as the slug of its aggregate's error") {
    CHECK(to_string(crm_error{lead_error::already_converted}) == "lead-already-converted");
    CHECK(to_string(crm_error{deal_error::deal_closed}) == "deal-closed");
    CHECK(to_string(crm_error{deal_error::not_found}) == "deal-not-found");
    CHECK(to_string(crm_error{pipeline_error::stage_has_open_deals}) == "stage-has-open-deals");
    CHECK(to_string(crm_error{pipeline_error::not_found}) == "pipeline-not-found");
    CHECK(to_string(crm_error{activity_error::already_completed}) == "activity-completed");
}
