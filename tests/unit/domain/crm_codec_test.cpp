// Pins that crm_codec.hpp dispatches every crm event to its aggregate's codec by type.
#include "ventros/domain/crm_codec.hpp"

#include <doctest/doctest.h>

using namespace ventros::domain;

namespace {

const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};

const money one_real{.cents = 100, .currency = "BRL"};

std::vector<crm_event> one_of_each_kind() {
    return {
        lead_converted{.id = lead_1, .deal = deal_1, .score = 80},
        deal_created{.id = deal_1,
                     .title = "Loja da Maria",
                     .value = one_real,
                     .pipeline = sales,
                     .stage = "prospecting",
                     .probability = 10,
                     .owner = user_id{"u-ana"},
                     .lead = lead_1},
        default_pipeline(sales),
        activity_completed{.id = activity_id{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"},
                           .outcome = "Fechou"},
    };
}

} // namespace

TEST_CASE("crm events use their aggregate's type, schema and body") {
    const auto events = one_of_each_kind();
    CHECK(event_type(events[0]) == "ventros.crm.lead.converted.v1");
    CHECK(event_type(events[1]) == "ventros.crm.deal.created.v1");
    CHECK(event_type(events[2]) == "ventros.crm.pipeline.created.v1");
    CHECK(event_type(events[3]) == "ventros.crm.activity.completed.v1");
    CHECK(event_schema(events[0]) == "crm/lead.converted.v1.json");
    CHECK(event_schema(events[1]) == "crm/deal.created.v1.json");
    CHECK(event_schema(events[2]) == "crm/pipeline.created.v1.json");
    CHECK(encode_json(events[0]) == encode_json(std::get<lead_event>(events[0])));
    CHECK(encode_json(events[1]) == encode_json(std::get<deal_event>(events[1])));
    CHECK(encode_json(events[2]) == encode_json(std::get<pipeline_event>(events[2])));
    CHECK(encode_json(events[3]) == encode_json(std::get<activity_event>(events[3])));
}

TEST_CASE("decode_crm_event routes by type to the right aggregate") {
    for (const auto& e : one_of_each_kind()) {
        CAPTURE(event_type(e));
        CHECK(is_crm_event_type(event_type(e)));
        const auto decoded = decode_crm_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(decoded->index() == e.index());
        CHECK(*decoded == e);
    }
}

TEST_CASE("decode_crm_event refuses unknown types and passes on the aggregate's reason") {
    for (const char* type : {"ventros.crm.widget.created.v1", "ventros.crm.deal.created.v2",
                             "ventros.crm.pipeline.deleted.v1", "ventros.crm.lead", ""}) {
        CAPTURE(type);
        CHECK_FALSE(is_crm_event_type(type));
        const auto decoded = decode_crm_event(type, "{}");
        REQUIRE_FALSE(decoded.has_value());
        CHECK(decoded.error() == "unknown event type '" + std::string(type) + "'");
    }
    CHECK(decode_crm_event("ventros.crm.deal.lost.v1", R"({"deal_id":"d"})").error() ==
          "reason is required");
    CHECK(decode_crm_event("ventros.crm.pipeline.stage_removed.v1", R"({"pipeline_id":"p"})")
              .error() == "stage_id is required");
    // A deal body under a lead type is read as a lead event, and refused as one.
    CHECK(decode_crm_event("ventros.crm.lead.lost.v1", R"({"deal_id":"d","reason":"x"})").error() ==
          "lead_id is required");
}
