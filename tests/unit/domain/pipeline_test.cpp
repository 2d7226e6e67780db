// Pins every pipeline rule: who may edit, stage validity, ordering, and that a stage
// holding open deals cannot be removed.
#include "lead_fixtures.hpp"
#include "ventros/domain/pipeline.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};

std::optional<pipeline_state> default_sales() {
    return evolve(std::nullopt, default_pipeline(sales));
}

std::vector<std::string> stage_ids(const pipeline_state& s) {
    std::vector<std::string> ids;
    for (const auto& stage : s.stages) {
        ids.push_back(stage.id);
    }
    return ids;
}

pipeline_state applied(const pipeline_command& c, const std::optional<pipeline_state>& s,
                       const pipeline_usage& usage = {}) {
    auto events = decide(c, s, admin, usage);
    REQUIRE_MESSAGE(events.has_value(), "refused: " << to_string(events.error()).data());
    auto state = s;
    for (const auto& e : *events) {
        state = evolve(state, e);
    }
    return *state;
}

pipeline_error refused(const pipeline_command& c, const std::optional<pipeline_state>& s,
                       const command_context& ctx = admin, const pipeline_usage& usage = {}) {
    auto r = decide(c, s, ctx, usage);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

} // namespace

TEST_CASE("the default pipeline has the four DOMAIN.md stages in order") {
    const auto s = default_sales();
    REQUIRE(s);
    CHECK(s->is_default);
    CHECK(stage_ids(*s) ==
          std::vector<std::string>{"prospecting", "qualification", "proposal", "negotiation"});
    CHECK(s->find_stage("proposal")->probability == 50);
    CHECK(s->find_stage("negotiation")->probability == 75);
    CHECK(s->find_stage("won") == nullptr);
    CHECK(s->version == 1);
}

TEST_CASE("creating a pipeline needs a name and valid, distinct stages") {
    const create_pipeline good{.id = sales, .name = "Enterprise", .stages = {{"a", "A", 10}}};
    const auto s = applied(good, std::nullopt);
    CHECK(s.name == "Enterprise");
    CHECK(s.stages == std::vector<pipeline_stage>{{"a", "A", 10}});

    CHECK(refused(good, s) == pipeline_error::already_exists);
    auto bad = good;
    bad.stages = {};
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
    bad.stages = {{"a", "A", 10}, {"a", "B", 20}};
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
    bad.stages = {{"a", "A", 101}};
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
    bad.stages = {{"a", "A", -1}};
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
    bad.stages = {{"a", "", 10}};
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
    bad = good;
    bad.name = "";
    CHECK(refused(bad, std::nullopt) == pipeline_error::invalid_stages);
}

TEST_CASE("only admin and manager edit pipelines") {
    const auto s = default_sales();
    const remove_pipeline_stage remove{sales, "proposal"};
    CHECK(decide(remove, s, manager, {}).has_value());
    CHECK(refused(remove, s, agent_ana) == pipeline_error::not_permitted);
    CHECK(refused(remove, s, viewer) == pipeline_error::not_permitted);
}

TEST_CASE("commands on a pipeline that does not exist are not_found") {
    CHECK(refused(remove_pipeline_stage{sales, "proposal"}, std::nullopt) ==
          pipeline_error::not_found);
    CHECK(refused(update_pipeline_stage{.id = sales, .stage_id = "proposal", .name = "P"},
                  std::nullopt) == pipeline_error::not_found);
}

TEST_CASE("a stage is added at a position or at the end, with a new id") {
    const auto s = default_sales();
    const auto at_end = applied(add_pipeline_stage{sales, {"closing", "Closing", 90}, {}}, s);
    CHECK(stage_ids(at_end).back() == "closing");
    const auto second = applied(add_pipeline_stage{sales, {"demo", "Demo", 30}, 1}, s);
    CHECK(stage_ids(second) == std::vector<std::string>{"prospecting", "demo", "qualification",
                                                        "proposal", "negotiation"});
    const auto past_end = applied(add_pipeline_stage{sales, {"x", "X", 5}, 99}, s);
    CHECK(stage_ids(past_end).back() == "x");
    CHECK(refused(add_pipeline_stage{sales, {"proposal", "Again", 5}, {}}, s) ==
          pipeline_error::invalid_stages);
    CHECK(refused(add_pipeline_stage{sales, {"y", "Y", 150}, {}}, s) ==
          pipeline_error::invalid_stages);
}

TEST_CASE("a stage is renamed or re-weighted; an unchanged update is refused") {
    const auto s = default_sales();
    const auto renamed =
        applied(update_pipeline_stage{.id = sales, .stage_id = "proposal", .name = "Quote"}, s);
    CHECK(renamed.find_stage("proposal")->name == "Quote");
    CHECK(renamed.find_stage("proposal")->probability == 50);
    const auto weighted =
        applied(update_pipeline_stage{.id = sales, .stage_id = "proposal", .probability = 60}, s);
    CHECK(weighted.find_stage("proposal")->probability == 60);
    CHECK(weighted.find_stage("proposal")->name == "Proposal");

    CHECK(refused(update_pipeline_stage{.id = sales, .stage_id = "nope", .name = "N"}, s) ==
          pipeline_error::unknown_stage);
    CHECK(refused(update_pipeline_stage{.id = sales, .stage_id = "proposal", .name = ""}, s) ==
          pipeline_error::invalid_stages);
    CHECK(refused(update_pipeline_stage{.id = sales, .stage_id = "proposal", .probability = 101},
                  s) == pipeline_error::invalid_stages);
    CHECK(refused(
              update_pipeline_stage{
                  .id = sales, .stage_id = "proposal", .name = "Proposal", .probability = 50},
              s) == pipeline_error::nothing_to_change);
}

TEST_CASE("reordering names every stage exactly once") {
    const auto s = default_sales();
    const std::vector<std::string> reversed{"negotiation", "proposal", "qualification",
                                            "prospecting"};
    const auto r = applied(reorder_pipeline_stages{sales, reversed}, s);
    CHECK(stage_ids(r) == reversed);
    CHECK(r.find_stage("negotiation")->probability == 75); // stages keep their data

    CHECK(refused(reorder_pipeline_stages{sales, {"negotiation", "proposal", "qualification"}},
                  s) == pipeline_error::invalid_stages);
    CHECK(refused(reorder_pipeline_stages{sales,
                                          {"negotiation", "proposal", "proposal", "prospecting"}},
                  s) == pipeline_error::invalid_stages);
    CHECK(
        refused(reorder_pipeline_stages{sales, {"negotiation", "proposal", "qualification", "won"}},
                s) == pipeline_error::unknown_stage);
    CHECK(refused(reorder_pipeline_stages{sales, stage_ids(*s)}, s) ==
          pipeline_error::nothing_to_change);
}

TEST_CASE("a stage that holds open deals cannot be removed") {
    const auto s = default_sales();
    const remove_pipeline_stage remove{sales, "proposal"};
    const pipeline_usage busy{.open_deals_by_stage = {{"proposal", 2}}};
    CHECK(refused(remove, s, admin, busy) == pipeline_error::stage_has_open_deals);

    const pipeline_usage elsewhere{.open_deals_by_stage = {{"proposal", 0}, {"negotiation", 3}}};
    const auto removed = applied(remove, s, elsewhere);
    CHECK(stage_ids(removed) ==
          std::vector<std::string>{"prospecting", "qualification", "negotiation"});
    CHECK(removed.version == 2);

    CHECK(refused(remove_pipeline_stage{sales, "won"}, s) == pipeline_error::unknown_stage);
    const auto single = applied(
        create_pipeline{.id = sales, .name = "One", .stages = {{"a", "A", 1}}}, std::nullopt);
    CHECK(refused(remove_pipeline_stage{sales, "a"}, single) == pipeline_error::last_stage);
}
