// Pins how pipeline request bodies are checked before they reach the domain.
#include "decoder_errors.hpp"
#include "ventros/commands/pipeline_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using testing::error_fields;
using testing::malformed;
using fields = std::vector<std::string>;

namespace {

const domain::pipeline_id id{"0190a8e0-0000-7000-8000-0000000000f1"};

auto create(const std::string& body) {
    return commands::decode_create_pipeline(body, id);
}

auto add(const std::string& body) {
    return commands::decode_add_pipeline_stage(body, id);
}

auto update(const std::string& body) {
    return commands::decode_update_pipeline_stage(body, id, "proposal");
}

auto reorder(const std::string& body) {
    return commands::decode_reorder_pipeline_stages(body, id);
}

/// `n` valid stage objects, comma-separated.
std::string stages(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += i == 0 ? "" : ",";
        out += R"({"id":"s)" + std::to_string(i) + R"(","name":"S","probability":10})";
    }
    return out;
}

} // namespace

TEST_CASE("a create body decodes its stages in board order") {
    auto d = create(R"({"name":" Enterprise ","is_default":true,"stages":[
        {"id":"discovery","name":"Discovery","probability":10},
        {"id":"closing_2-b","name":" Closing ","probability":90}]})");
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->name == "Enterprise");
    CHECK(d->is_default);
    CHECK(d->stages == std::vector<domain::pipeline_stage>{{"discovery", "Discovery", 10},
                                                           {"closing_2-b", "Closing", 90}});
    auto plain = create(R"({"name":"P","stages":[)" + stages(1) + "]}");
    REQUIRE(plain);
    CHECK_FALSE(plain->is_default);
}

TEST_CASE("create lets any integer probability through for the domain to judge") {
    auto d = create(R"({"name":"P","stages":[{"id":"a","name":"A","probability":101}]})");
    REQUIRE(d);
    CHECK(d->stages.front().probability == 101);
}

TEST_CASE("create requires a name and 1 to 50 stages") {
    CHECK(error_fields(create("{}")) == fields{"/name", "/stages"});
    CHECK(error_fields(create(R"({"name":"P","stages":[]})")) == fields{"/stages"});
    CHECK(create(R"({"name":"P","stages":[)" + stages(50) + "]}"));
    CHECK(error_fields(create(R"({"name":"P","stages":[)" + stages(51) + "]}")) ==
          fields{"/stages"});
    CHECK(error_fields(create(R"({"name":"P","stages":{"id":"a"}})")) == fields{"/stages"});
    CHECK(error_fields(create(R"({"name":"P","stages":["a"]})")) == fields{"/stages"});
    CHECK(error_fields(create(R"({"name":"P","stages":null})")) == fields{"/stages"});
}

TEST_CASE("create refuses bad fields, pointing inside the stage that has them") {
    CHECK(error_fields(create(R"({"name":"","stages":[)" + stages(1) + "]}")) == fields{"/name"});
    CHECK(error_fields(create(R"({"name":")" + std::string(101, 'n') + R"(","stages":[)" +
                              stages(1) + "]}")) == fields{"/name"});
    CHECK(error_fields(create(R"({"name":"P","is_default":"yes","stages":[)" + stages(1) + "]}")) ==
          fields{"/is_default"});
    CHECK(error_fields(create(R"({"name":"P","owner":"x","stages":[)" + stages(1) + "]}")) ==
          fields{"/owner"});
    CHECK(error_fields(create(R"({"name":"P","stages":[)" + stages(2) +
                              R"(,{"id":"Bad Id","name":"","probability":1.5,"color":"red"}]})")) ==
          fields{"/stages/2/id", "/stages/2/name", "/stages/2/probability", "/stages/2/color"});
    CHECK(error_fields(create(R"({"name":"P","stages":[{}]})")) ==
          fields{"/stages/0/id", "/stages/0/name", "/stages/0/probability"});
    CHECK(error_fields(create(R"({"name":"P","stages":[{"id":")" + std::string(65, 'a') +
                              R"(","name":"A","probability":1}]})")) == fields{"/stages/0/id"});
}

TEST_CASE("malformed JSON is a 400-kind failure for every pipeline decoder") {
    CHECK(malformed(create(R"({"name":"P","stages":[)")));
    CHECK(malformed(add("{")));
    CHECK(malformed(update("")));
    CHECK(malformed(reorder(R"({"order":["a",]})")));
    const auto array = create("[]");
    REQUIRE_FALSE(array);
    CHECK(array.error().what == commands::invalid_input::kind::invalid);
}

TEST_CASE("every prefix of a valid create body is refused without throwing") {
    const std::string body = R"({"name":"P","stages":[{"id":"a","name":"A","probability":1}]})";
    for (std::size_t n = 0; n < body.size(); ++n) {
        CHECK_FALSE(create(body.substr(0, n)));
    }
}

TEST_CASE("adding a stage needs id, name and probability; position is optional and >= 0") {
    auto d = add(R"({"id":"demo","name":"Demo","probability":30,"position":1})");
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->stage == domain::pipeline_stage{"demo", "Demo", 30});
    CHECK(d->position == std::size_t{1});
    CHECK_FALSE(add(R"({"id":"demo","name":"Demo","probability":30})")->position);
    CHECK(add(R"({"id":"demo","name":"Demo","probability":30,"position":0})")->position ==
          std::size_t{0});
    CHECK(error_fields(add("{}")) == fields{"/id", "/name", "/probability"});
    CHECK(error_fields(add(R"({"id":"demo","name":"Demo","probability":30,"position":-1})")) ==
          fields{"/position"});
    CHECK(error_fields(add(R"({"id":"demo","name":"Demo","probability":30,"position":"2"})")) ==
          fields{"/position"});
    CHECK(error_fields(add(R"({"id":"DEMO","name":"Demo","probability":30})")) == fields{"/id"});
    CHECK(error_fields(add(R"({"id":"demo","name":"Demo","probability":null})")) ==
          fields{"/probability"});
    CHECK(error_fields(add(R"({"id":"demo","name":"Demo","probability":3,"stage":{}})")) ==
          fields{"/stage"});
}

TEST_CASE("updating a stage takes a name, a probability or both") {
    auto both = update(R"({"name":" Demo ","probability":35})");
    REQUIRE(both);
    CHECK(both->id == id);
    CHECK(both->stage_id == "proposal");
    CHECK(both->name == "Demo");
    CHECK(both->probability == 35);
    auto name_only = update(R"({"name":"Demo"})");
    REQUIRE(name_only);
    CHECK_FALSE(name_only->probability);
    CHECK(update(R"({"probability":0})")->probability == 0);
    CHECK(error_fields(update("{}")) == fields{"/"});
    CHECK(error_fields(update(R"({"name":""})")) == fields{"/name"});
    CHECK(error_fields(update(R"({"name":null})")) == fields{"/name"});
    CHECK(error_fields(update(R"({"probability":false})")) == fields{"/probability"});
    CHECK(error_fields(update(R"({"id":"other"})")) == fields{"/id"});
}

TEST_CASE("a reorder names stage ids") {
    auto d = reorder(R"({"order":["negotiation","proposal"]})");
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->order == std::vector<std::string>{"negotiation", "proposal"});
    CHECK(error_fields(reorder("{}")) == fields{"/order"});
    CHECK(error_fields(reorder(R"({"order":null})")) == fields{"/order"});
    CHECK(error_fields(reorder(R"({"order":"a,b"})")) == fields{"/order"});
    CHECK(error_fields(reorder(R"({"order":["a",1]})")) == fields{"/order"});
    CHECK(error_fields(reorder(R"({"order":["a","Not A Slug"]})")) == fields{"/order"});
    CHECK(error_fields(reorder(R"({"order":["a"],"stages":[]})")) == fields{"/stages"});
}
