// Pins how each lead event changes the write-side state and that replay equals the live path.
#include "lead_fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

TEST_CASE("lead_created starts the lead at version 1 in stage new") {
    const auto s = evolve(std::nullopt, created_by("u-ana"));
    CHECK(s == lead_state{.id = lead_1,
                          .version = 1,
                          .stage = lead_stage::new_lead,
                          .score = 0,
                          .ever_qualified = false,
                          .assigned_to = std::nullopt,
                          .created_by = user_id{"u-ana"}});
}

TEST_CASE("lead_updated only bumps the version") {
    const auto before = lead_after({});
    const auto after = evolve(before, lead_updated{.id = lead_1, .name = "X"});
    auto expected = *before;
    expected.version = 2;
    CHECK(after == expected);
}

TEST_CASE("each event sets what it says and bumps the version") {
    auto s = lead_after({});
    s = evolve(s, lead_stage_changed{
                      .id = lead_1, .from = lead_stage::new_lead, .to = lead_stage::contacted});
    CHECK(s->stage == lead_stage::contacted);
    CHECK(s->version == 2);

    s = evolve(s, scored(75));
    CHECK(s->stage == lead_stage::qualified);
    CHECK(s->score == 75);
    CHECK_FALSE(s->ever_qualified);
    CHECK(s->version == 3);

    s = evolve(s, lead_qualified{.id = lead_1, .score = 75});
    CHECK(s->ever_qualified);
    CHECK(s->version == 4);

    s = evolve(s,
               lead_assigned{.id = lead_1, .agent = user_id{"u-ana"}, .agent_role = role::agent});
    CHECK(s->assigned_to == user_id{"u-ana"});
    CHECK(s->version == 5);

    s = evolve(s, scored(30));
    CHECK(s->stage == lead_stage::unqualified);
    CHECK(s->score == 30);
    CHECK(s->ever_qualified);

    s = evolve(s, lead_lost{.id = lead_1, .reason = "r"});
    CHECK(s->stage == lead_stage::lost);
    CHECK(s->version == 7);
    CHECK(s->created_by == user_id{"u-admin"});
}

TEST_CASE("lead_converted moves the lead to converted and keeps its score") {
    const auto s =
        lead_after({scored(90), lead_converted{.id = lead_1, .deal = deal_id{"d"}, .score = 90}});
    CHECK(s->stage == lead_stage::converted);
    CHECK(s->score == 90);
    CHECK(s->version == 3);
}

TEST_CASE("fold of nothing is no lead") {
    CHECK_FALSE(fold({}).has_value());
}

TEST_CASE("folding the events decide produced gives the state the live path built") {
    const std::vector<std::pair<lead_command, command_context>> script{
        {create_lead{.id = lead_1, .name = "Maria"}, agent_ana},
        {update_lead{.id = lead_1,
                     .email = std::optional<std::string>{"m@x.com"},
                     .stage = lead_stage::contacted},
         agent_ana},
        {answer_bant{.id = lead_1, .answers = qualifying_answers}, agent_ana},
        {assign_lead{.id = lead_1, .agent = user_id{"u-bruno"}}, manager},
        {answer_bant{.id = lead_1, .answers = {}}, agent_bruno},
        {answer_bant{.id = lead_1, .answers = qualifying_answers}, agent_bruno},
        {convert_lead{.id = lead_1, .deal = deal_id{"d-1"}}, agent_bruno},
    };
    std::optional<lead_state> live;
    std::vector<lead_event> log;
    for (const auto& [command, context] : script) {
        auto events = decide(command, live, context);
        REQUIRE(events.has_value());
        for (const auto& e : *events) {
            live = evolve(live, e);
            log.push_back(e);
        }
    }
    CHECK(fold(log) == live);
    CHECK(live->version == log.size());
    CHECK(live->stage == lead_stage::converted);
    CHECK(live->ever_qualified);
    CHECK(live->assigned_to == user_id{"u-bruno"});
    const auto qualified_count = std::count_if(log.begin(), log.end(), [](const lead_event& e) {
        return std::holds_alternative<lead_qualified>(e);
    });
    CHECK(qualified_count == 1);
}
