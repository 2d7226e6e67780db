// Pins every lead decision rule: who may act, which states refuse, which events come out.
#include "lead_fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

std::vector<lead_event> accepted(const lead_command& c, const std::optional<lead_state>& s,
                                 const command_context& ctx) {
    auto r = decide(c, s, ctx);
    REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()).data());
    return *r;
}

lead_error refused(const lead_command& c, const std::optional<lead_state>& s,
                   const command_context& ctx) {
    auto r = decide(c, s, ctx);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

const create_lead full_create{.id = lead_1,
                              .name = "Maria Silva",
                              .email = "maria@example.com",
                              .phone = "+5511999990000",
                              .company = "Loja da Maria",
                              .source = lead_source::web,
                              .source_details = "landing page",
                              .tags = {"vip", "sp"},
                              .custom = {{"segment", "retail"}}};

// One command of each kind other than create, all valid for a fresh lead by an admin.
std::vector<lead_command> commands_on_existing() {
    return {
        update_lead{.id = lead_1, .name = "Maria S."},
        answer_bant{.id = lead_1, .answers = qualifying_answers},
        assign_lead{.id = lead_1, .agent = user_id{"u-ana"}},
        mark_lead_lost{.id = lead_1, .reason = "no budget"},
        convert_lead{.id = lead_1, .deal = deal_id{"d-1"}, .allow_unqualified = true},
    };
}

} // namespace

TEST_CASE("create emits lead_created with every field and the actor as creator") {
    const auto events = accepted(full_create, std::nullopt, manager);
    REQUIRE(events.size() == 1);
    const auto expected = lead_created{.id = lead_1,
                                       .name = "Maria Silva",
                                       .email = "maria@example.com",
                                       .phone = "+5511999990000",
                                       .company = "Loja da Maria",
                                       .source = lead_source::web,
                                       .source_details = "landing page",
                                       .tags = {"vip", "sp"},
                                       .custom = {{"segment", "retail"}},
                                       .created_by = user_id{"u-manager"}};
    CHECK(std::get<lead_created>(events[0]) == expected);
}

TEST_CASE("an agent may create a lead and becomes its creator") {
    const auto events = accepted(create_lead{.id = lead_1, .name = "Ana"}, std::nullopt, agent_ana);
    CHECK(std::get<lead_created>(events[0]).created_by == user_id{"u-ana"});
}

TEST_CASE("a viewer cannot create a lead") {
    CHECK(refused(full_create, std::nullopt, viewer) == lead_error::not_permitted);
}

TEST_CASE("creating a lead whose id exists is refused") {
    CHECK(refused(full_create, lead_after({}), admin) == lead_error::already_exists);
}

TEST_CASE("every command but create on a missing lead is not_found") {
    for (const auto& c : commands_on_existing()) {
        CAPTURE(c.index());
        CHECK(refused(c, std::nullopt, admin) == lead_error::not_found);
    }
}

TEST_CASE("every command on an existing lead is accepted from an admin and a manager") {
    for (const auto& c : commands_on_existing()) {
        CAPTURE(c.index());
        CHECK(decide(c, lead_after({}), admin).has_value());
        CHECK(decide(c, lead_after({}), manager).has_value());
    }
}

TEST_CASE("a viewer is refused every command on an existing lead") {
    for (const auto& c : commands_on_existing()) {
        CAPTURE(c.index());
        CHECK(refused(c, lead_after({}), viewer) == lead_error::not_permitted);
    }
}

TEST_CASE("an agent is refused on a lead neither created by nor assigned to them") {
    for (const auto& c : commands_on_existing()) {
        CAPTURE(c.index());
        CHECK(refused(c, lead_after({}), agent_ana) == lead_error::not_permitted);
    }
    const auto assigned_to_bruno = lead_after(
        {lead_assigned{.id = lead_1, .agent = user_id{"u-bruno"}, .agent_role = role::agent}});
    CHECK(refused(update_lead{.id = lead_1, .name = "X"}, assigned_to_bruno, agent_ana) ==
          lead_error::not_permitted);
}

TEST_CASE("an agent may act on a lead they created") {
    const auto own = fold({created_by("u-ana")});
    CHECK(decide(update_lead{.id = lead_1, .name = "X"}, own, agent_ana).has_value());
    CHECK(decide(answer_bant{.id = lead_1, .answers = qualifying_answers}, own, agent_ana)
              .has_value());
    CHECK(decide(mark_lead_lost{.id = lead_1, .reason = "gone"}, own, agent_ana).has_value());
}

TEST_CASE("an agent may act on a lead assigned to them") {
    const auto assigned = lead_after(
        {lead_assigned{.id = lead_1, .agent = user_id{"u-ana"}, .agent_role = role::agent}});
    CHECK(decide(update_lead{.id = lead_1, .name = "X"}, assigned, agent_ana).has_value());
    CHECK(decide(convert_lead{.id = lead_1, .deal = deal_id{"d"}, .allow_unqualified = true},
                 assigned, agent_ana)
              .has_value());
}

TEST_CASE("an agent may assign only to themselves") {
    const auto own = fold({created_by("u-ana")});
    const auto events =
        accepted(assign_lead{.id = lead_1, .agent = user_id{"u-ana"}}, own, agent_ana);
    CHECK(std::get<lead_assigned>(events[0]).agent == user_id{"u-ana"});
    CHECK(refused(assign_lead{.id = lead_1, .agent = user_id{"u-bruno"}}, own, agent_ana) ==
          lead_error::not_permitted);
}

TEST_CASE("an agent cannot claim a lead created by someone else") {
    CHECK(refused(assign_lead{.id = lead_1, .agent = user_id{"u-ana"}}, lead_after({}),
                  agent_ana) == lead_error::not_permitted);
}

TEST_CASE("a converted lead refuses every command") {
    const auto converted =
        lead_after({scored(80), lead_converted{.id = lead_1, .deal = deal_id{"d-1"}, .score = 80}});
    for (const auto& c : commands_on_existing()) {
        CAPTURE(c.index());
        CHECK(refused(c, converted, admin) == lead_error::already_converted);
    }
    CHECK(refused(update_lead{.id = lead_1, .stage = lead_stage::contacted}, converted, admin) ==
          lead_error::already_converted);
}

TEST_CASE("a lost lead refuses scoring, assignment, conversion and a second loss") {
    const auto lost = lead_after({lead_lost{.id = lead_1, .reason = "no budget"}});
    CHECK(refused(answer_bant{.id = lead_1, .answers = qualifying_answers}, lost, admin) ==
          lead_error::lead_is_lost);
    CHECK(refused(assign_lead{.id = lead_1, .agent = user_id{"u-ana"}}, lost, admin) ==
          lead_error::lead_is_lost);
    CHECK(refused(convert_lead{.id = lead_1, .deal = deal_id{"d"}, .allow_unqualified = true}, lost,
                  admin) == lead_error::lead_is_lost);
    CHECK(refused(mark_lead_lost{.id = lead_1, .reason = "again"}, lost, admin) ==
          lead_error::lead_is_lost);
    CHECK(refused(update_lead{.id = lead_1, .stage = lead_stage::contacted}, lost, admin) ==
          lead_error::lead_is_lost);
}

TEST_CASE("a lost lead still accepts contact field updates") {
    const auto lost = lead_after({lead_lost{.id = lead_1, .reason = "no budget"}});
    const auto events =
        accepted(update_lead{.id = lead_1, .phone = std::optional<std::string>{}}, lost, admin);
    REQUIRE(events.size() == 1);
    const auto& phone = std::get<lead_updated>(events[0]).phone;
    REQUIRE(phone.has_value());
    CHECK_FALSE(phone->has_value());
}

TEST_CASE("update emits exactly the fields present, keeping cleared apart from absent") {
    const update_lead c{.id = lead_1,
                        .name = "Maria S.",
                        .email = std::optional<std::string>{"m@example.com"},
                        .phone = std::optional<std::string>{},
                        .company = std::nullopt,
                        .tags = std::vector<std::string>{},
                        .custom = custom_fields{{"k", "v"}}};
    const auto events = accepted(c, lead_after({}), admin);
    REQUIRE(events.size() == 1);
    const auto& e = std::get<lead_updated>(events[0]);
    CHECK(e.id == lead_1);
    CHECK(e.name == "Maria S.");
    CHECK(e.email == field_patch<std::string>{std::optional<std::string>{"m@example.com"}});
    REQUIRE(e.phone.has_value());
    CHECK_FALSE(e.phone->has_value());
    CHECK_FALSE(e.company.has_value());
    CHECK(e.tags == std::vector<std::string>{});
    CHECK(e.custom == custom_fields{{"k", "v"}});
}

TEST_CASE("an update with no field and no stage changes nothing") {
    CHECK(refused(update_lead{.id = lead_1}, lead_after({}), admin) ==
          lead_error::nothing_to_change);
}

TEST_CASE("a stage move from new to contacted emits lead_stage_changed only") {
    const auto events =
        accepted(update_lead{.id = lead_1, .stage = lead_stage::contacted}, lead_after({}), admin);
    REQUIRE(events.size() == 1);
    CHECK(std::get<lead_stage_changed>(events[0]) ==
          lead_stage_changed{
              .id = lead_1, .from = lead_stage::new_lead, .to = lead_stage::contacted});
}

TEST_CASE("fields and a stage move emit lead_updated then lead_stage_changed") {
    const auto events =
        accepted(update_lead{.id = lead_1, .name = "X", .stage = lead_stage::contacted},
                 lead_after({}), admin);
    REQUIRE(events.size() == 2);
    CHECK(std::holds_alternative<lead_updated>(events[0]));
    CHECK(std::holds_alternative<lead_stage_changed>(events[1]));
}

TEST_CASE("setting the current stage emits no stage event") {
    CHECK(refused(update_lead{.id = lead_1, .stage = lead_stage::new_lead}, lead_after({}),
                  admin) == lead_error::nothing_to_change);
    const auto events =
        accepted(update_lead{.id = lead_1, .name = "X", .stage = lead_stage::new_lead},
                 lead_after({}), admin);
    REQUIRE(events.size() == 1);
    CHECK(std::holds_alternative<lead_updated>(events[0]));
}

TEST_CASE("only new and contacted can be set by hand") {
    for (lead_stage s : {lead_stage::qualified, lead_stage::unqualified, lead_stage::converted,
                         lead_stage::lost}) {
        CAPTURE(s);
        CHECK(refused(update_lead{.id = lead_1, .stage = s}, lead_after({}), admin) ==
              lead_error::stage_not_settable);
    }
}

TEST_CASE("a qualified lead cannot be moved by hand but an unqualified one can") {
    CHECK(refused(update_lead{.id = lead_1, .stage = lead_stage::contacted},
                  lead_after({scored(80)}), admin) == lead_error::stage_not_settable);
    const auto events = accepted(update_lead{.id = lead_1, .stage = lead_stage::contacted},
                                 lead_after({scored(40)}), admin);
    CHECK(std::get<lead_stage_changed>(events[0]).from == lead_stage::unqualified);
}

TEST_CASE("answering BANT at or above 70 the first time scores and qualifies") {
    const bant_answers at_threshold{.budget = budget_answer::from_5000_to_10000,
                                    .authority = authority_answer::decision_maker};
    const auto events =
        accepted(answer_bant{.id = lead_1, .answers = at_threshold}, lead_after({}), admin);
    REQUIRE(events.size() == 2);
    const auto& s = std::get<lead_scored>(events[0]);
    CHECK(s.answers == at_threshold);
    CHECK(s.points == bant_points{.budget = 40, .authority = 30, .need = 0, .timeline = 0});
    CHECK(s.score == 70);
    CHECK(s.threshold == 70);
    CHECK(s.flow_version == "default-v1");
    CHECK(s.stage == lead_stage::qualified);
    CHECK(std::get<lead_qualified>(events[1]) == lead_qualified{.id = lead_1, .score = 70});
}

TEST_CASE("answering BANT below 70 scores the lead unqualified without qualifying it") {
    const bant_answers weak{.budget = budget_answer::under_1000,
                            .authority = authority_answer::influencer,
                            .need = "automação de vendas",
                            .timeline = timeline_answer::within_30_days};
    const auto events = accepted(answer_bant{.id = lead_1, .answers = weak}, lead_after({}), admin);
    REQUIRE(events.size() == 1);
    CHECK(std::get<lead_scored>(events[0]).score == 65);
    CHECK(std::get<lead_scored>(events[0]).stage == lead_stage::unqualified);
}

TEST_CASE("re-qualifying a lead that qualified before does not emit lead_qualified again") {
    const auto once =
        lead_after({scored(80), lead_qualified{.id = lead_1, .score = 80}, scored(20)});
    const auto events =
        accepted(answer_bant{.id = lead_1, .answers = qualifying_answers}, once, admin);
    REQUIRE(events.size() == 1);
    CHECK(std::get<lead_scored>(events[0]).stage == lead_stage::qualified);
}

TEST_CASE("answering again can drop a qualified lead to unqualified") {
    const auto qualified = lead_after({scored(80), lead_qualified{.id = lead_1, .score = 80}});
    const auto events = accepted(answer_bant{.id = lead_1, .answers = {}}, qualified, admin);
    REQUIRE(events.size() == 1);
    CHECK(std::get<lead_scored>(events[0]).score == 0);
    CHECK(std::get<lead_scored>(events[0]).stage == lead_stage::unqualified);
}

TEST_CASE("assigning records the role and the previous assignee") {
    auto events =
        accepted(assign_lead{.id = lead_1, .agent = user_id{"u-ana"}}, lead_after({}), admin);
    CHECK(std::get<lead_assigned>(events[0]) == lead_assigned{.id = lead_1,
                                                              .agent = user_id{"u-ana"},
                                                              .agent_role = role::agent,
                                                              .previous = std::nullopt});
    const auto assigned = lead_after({events[0]});
    events =
        accepted(assign_lead{.id = lead_1, .agent = user_id{"u-boss"}, .agent_role = role::manager},
                 assigned, manager);
    CHECK(std::get<lead_assigned>(events[0]).agent_role == role::manager);
    CHECK(std::get<lead_assigned>(events[0]).previous == user_id{"u-ana"});
}

TEST_CASE("a viewer cannot be assigned a lead") {
    CHECK(
        refused(assign_lead{.id = lead_1, .agent = user_id{"u-viewer"}, .agent_role = role::viewer},
                lead_after({}), admin) == lead_error::agent_role_not_assignable);
}

TEST_CASE("assigning to the current assignee changes nothing") {
    const auto assigned = lead_after(
        {lead_assigned{.id = lead_1, .agent = user_id{"u-ana"}, .agent_role = role::agent}});
    CHECK(refused(assign_lead{.id = lead_1, .agent = user_id{"u-ana"}}, assigned, admin) ==
          lead_error::nothing_to_change);
}

TEST_CASE("marking a lead lost records the reason") {
    const auto events =
        accepted(mark_lead_lost{.id = lead_1, .reason = "went silent"}, lead_after({}), admin);
    CHECK(std::get<lead_lost>(events[0]) == lead_lost{.id = lead_1, .reason = "went silent"});
}

TEST_CASE("a qualified lead converts with its deal and score") {
    const auto events = accepted(convert_lead{.id = lead_1, .deal = deal_id{"d-9"}},
                                 lead_after({scored(85)}), admin);
    CHECK(std::get<lead_converted>(events[0]) ==
          lead_converted{.id = lead_1, .deal = deal_id{"d-9"}, .score = 85});
}

TEST_CASE("a lead below qualified converts only when the tenant allows it") {
    for (const auto& s : {lead_after({}), lead_after({scored(40)})}) {
        CHECK(refused(convert_lead{.id = lead_1, .deal = deal_id{"d"}}, s, admin) ==
              lead_error::not_qualified);
        CHECK(decide(convert_lead{.id = lead_1, .deal = deal_id{"d"}, .allow_unqualified = true}, s,
                     admin)
                  .has_value());
    }
}

TEST_CASE("converting twice is refused") {
    const convert_lead c{.id = lead_1, .deal = deal_id{"d-1"}};
    auto state = lead_after({scored(80)});
    const auto events = accepted(c, state, admin);
    state = evolve(state, events[0]);
    CHECK(refused(c, state, admin) == lead_error::already_converted);
}

TEST_CASE("decide does not depend on the command's time or tenant") {
    auto later = admin;
    later.now += std::chrono::hours{24};
    later.tenant = tenant_id{"other"};
    CHECK(decide(full_create, std::nullopt, admin) == decide(full_create, std::nullopt, later));
}
