// Pins the JSON bodies and type names of pipeline events: round trips, optional members
// absent and present, stages in board order, and strict refusal of bad bodies.
#include "ventros/domain/pipeline_codec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::domain;
using nlohmann::json;

namespace {

const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};
const pipeline_stage demo{.id = "demo", .name = "Demo", .probability = 40};

std::vector<pipeline_event> sample_events() {
    return {
        default_pipeline(sales),
        pipeline_created{.id = sales, .name = "Parcerias", .is_default = false, .stages = {demo}},
        pipeline_stage_added{.id = sales, .stage = demo, .position = 2},
        pipeline_stage_added{.id = sales,
                             .stage = {.id = "won", .name = "Fechado", .probability = 100}},
        pipeline_stage_updated{
            .id = sales, .stage_id = "demo", .name = "Demonstração", .probability = 0},
        pipeline_stage_updated{.id = sales, .stage_id = "demo", .name = "Só o nome"},
        pipeline_stage_updated{.id = sales, .stage_id = "demo", .probability = 45},
        pipeline_stages_reordered{.id = sales, .order = {"qualification", "prospecting", "demo"}},
        pipeline_stage_removed{.id = sales, .stage_id = "demo"},
    };
}

json body_of(const pipeline_event& e) {
    return json::parse(encode_json(e));
}

std::string decode_error(std::string_view type, const json& body) {
    const auto r = decode_pipeline_event(type, body.dump());
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

constexpr std::string_view created_type = "ventros.crm.pipeline.created.v1";

json valid_created() {
    return body_of(default_pipeline(sales));
}

} // namespace

TEST_CASE("every pipeline event decodes back to an equal event") {
    for (const auto& e : sample_events()) {
        CAPTURE(encode_json(e));
        const auto decoded = decode_pipeline_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
}

TEST_CASE("pipeline type names and schema paths follow the event's name") {
    const std::pair<pipeline_event, const char*> table[] = {
        {pipeline_created{}, "created"},
        {pipeline_stage_added{}, "stage_added"},
        {pipeline_stage_updated{}, "stage_updated"},
        {pipeline_stages_reordered{}, "stages_reordered"},
        {pipeline_stage_removed{}, "stage_removed"},
    };
    for (const auto& [event, name] : table) {
        CHECK(event_type(event) == "ventros.crm.pipeline." + std::string(name) + ".v1");
        CHECK(event_schema(event) == "crm/pipeline." + std::string(name) + ".v1.json");
        CHECK(is_pipeline_event_type(event_type(event)));
    }
    CHECK_FALSE(is_pipeline_event_type("ventros.crm.pipeline.created.v2"));
    CHECK_FALSE(is_pipeline_event_type("ventros.crm.pipeline.created.v0"));
    CHECK_FALSE(is_pipeline_event_type("ventros.crm.pipeline.stage_moved.v1"));
    CHECK_FALSE(is_pipeline_event_type("ventros.crm.deal.created.v1"));
    CHECK_FALSE(is_pipeline_event_type("ventros.crm.pipeline."));
}

TEST_CASE("pipeline.created lists the stages in board order") {
    CHECK(valid_created() ==
          json{{"pipeline_id", sales.str()},
               {"name", default_pipeline(sales).name},
               {"is_default", default_pipeline(sales).is_default},
               {"stages",
                {{{"id", "prospecting"}, {"name", "Prospecting"}, {"probability", 10}},
                 {{"id", "qualification"}, {"name", "Qualification"}, {"probability", 25}},
                 {{"id", "proposal"}, {"name", "Proposal"}, {"probability", 50}},
                 {{"id", "negotiation"}, {"name", "Negotiation"}, {"probability", 75}}}}});
    CHECK(body_of(pipeline_stage_added{.id = sales, .stage = demo, .position = 2}) ==
          json{{"pipeline_id", sales.str()},
               {"stage", {{"id", "demo"}, {"name", "Demo"}, {"probability", 40}}},
               {"position", 2}});
    CHECK(body_of(pipeline_stages_reordered{.id = sales, .order = {"b", "a"}}).at("order") ==
          json{"b", "a"});
}

TEST_CASE("absent optional pipeline members are omitted") {
    CHECK(body_of(pipeline_stage_updated{.id = sales, .stage_id = "demo"}) ==
          json{{"pipeline_id", sales.str()}, {"stage_id", "demo"}});
    CHECK(body_of(pipeline_stage_updated{.id = sales, .stage_id = "demo", .probability = 0})
              .at("probability") == 0);
}

TEST_CASE("pipeline decode rejects an unknown type and bodies that are not a JSON object") {
    CHECK(decode_pipeline_event("ventros.crm.pipeline.deleted.v1", "{}").error() ==
          "unknown event type 'ventros.crm.pipeline.deleted.v1'");
    CHECK(decode_pipeline_event(created_type, "null").error() == "body must be a JSON object");
    const std::string text = valid_created().dump();
    for (std::size_t n = 0; n < text.size(); ++n) {
        CHECK_FALSE(decode_pipeline_event(created_type, text.substr(0, n)).has_value());
    }
}

TEST_CASE("pipeline.created refuses missing, mistyped, unknown and out-of-range members") {
    auto with = [](auto change) {
        json body = valid_created();
        change(body);
        return decode_error(created_type, body);
    };
    CHECK(with([](json& b) { b.erase("is_default"); }) == "is_default is required");
    CHECK(with([](json& b) { b["is_default"] = "yes"; }) == "is_default must be true or false");
    CHECK(with([](json& b) { b.erase("stages"); }) == "stages is required");
    CHECK(with([](json& b) { b["stages"] = json::array(); }) == "stages must not be empty");
    CHECK(with([](json& b) { b["stages"] = json{"prospecting"}; }) ==
          "stages must be an array of objects");
    CHECK(with([](json& b) { b["stages"] = json::object(); }) ==
          "stages must be an array of objects");
    CHECK(with([](json& b) { b["stages"][1].erase("name"); }) == "stages[1].name is required");
    CHECK(with([](json& b) { b["stages"][2]["probability"] = 101; }) ==
          "stages[2].probability must be from 0 to 100");
    CHECK(with([](json& b) {
              b["stages"][0]["probability"] = -1;
          }).starts_with("stages[0].probability must be an integer"));
    CHECK(with([](json& b) { b["stages"][3]["color"] = "red"; }) ==
          "stages[3].color is not a known field");
    CHECK(with([](json& b) { b["owner"] = "u"; }) == "owner is not a known field");
}

TEST_CASE("the other pipeline events refuse bad bodies") {
    const json stage{{"id", "demo"}, {"name", "Demo"}, {"probability", 40}};
    CHECK(decode_error("ventros.crm.pipeline.stage_added.v1",
                       {{"pipeline_id", "p"}, {"stage", stage}}) == "position is required");
    CHECK(decode_error("ventros.crm.pipeline.stage_added.v1",
                       {{"pipeline_id", "p"}, {"stage", stage}, {"position", -1}})
              .starts_with("position must be an integer"));
    CHECK(decode_error("ventros.crm.pipeline.stage_added.v1",
                       {{"pipeline_id", "p"}, {"stage", "demo"}, {"position", 0}}) ==
          "stage must be an object");
    CHECK(decode_error("ventros.crm.pipeline.stage_added.v1",
                       {{"pipeline_id", "p"},
                        {"stage", {{"id", "demo"}, {"name", "Demo"}}},
                        {"position", 0}}) == "stage.probability is required");
    CHECK(decode_error("ventros.crm.pipeline.stage_updated.v1",
                       {{"pipeline_id", "p"}, {"stage_id", "demo"}, {"probability", 150}}) ==
          "probability must be from 0 to 100");
    CHECK(decode_error("ventros.crm.pipeline.stage_updated.v1",
                       {{"pipeline_id", "p"}, {"stage_id", "demo"}, {"name", ""}}) ==
          "name must not be empty");
    CHECK(decode_error("ventros.crm.pipeline.stage_updated.v1",
                       {{"pipeline_id", "p"}, {"stage_id", "demo"}, {"probability", nullptr}})
              .starts_with("probability must be an integer"));
    CHECK(decode_error("ventros.crm.pipeline.stages_reordered.v1",
                       {{"pipeline_id", "p"}, {"order", json::array()}}) ==
          "order must be a non-empty array of non-empty stage ids");
    CHECK(decode_error("ventros.crm.pipeline.stages_reordered.v1",
                       {{"pipeline_id", "p"}, {"order", {"a", ""}}}) ==
          "order must be a non-empty array of non-empty stage ids");
    CHECK(decode_error("ventros.crm.pipeline.stages_reordered.v1",
                       {{"pipeline_id", "p"}, {"order", {1, 2}}}) ==
          "order must be an array of strings");
    CHECK(decode_error("ventros.crm.pipeline.stage_removed.v1", {{"pipeline_id", "p"}}) ==
          "stage_id is required");
}
