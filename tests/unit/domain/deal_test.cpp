// Pins every deal rule of issue 4: values and currencies, pipelines and stages,
// probability following the stage, closed deals, reopening and who may act.
#include "lead_fixtures.hpp"
#include "ventros/domain/deal.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

const pipeline_id sales{"0190a5c4-7b1e-7c3d-8e2f-0000000000a1"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const pipeline_state sales_pipeline = evolve(std::nullopt, default_pipeline(sales));

const money twelve_thousand_reais{.cents = 1'250'000, .currency = "BRL"};

create_deal new_deal() {
    return {.id = deal_1,
            .title = "Loja da Maria: 20 seats",
            .value = twelve_thousand_reais,
            .pipeline = sales};
}

deal_error refused(const deal_command& c, const std::optional<deal_state>& s,
                   const command_context& ctx = admin,
                   const pipeline_state* pipeline = &sales_pipeline) {
    auto r = decide(c, s, pipeline, ctx);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

std::vector<deal_event> accepted(const deal_command& c, const std::optional<deal_state>& s,
                                 const command_context& ctx = admin) {
    auto r = decide(c, s, &sales_pipeline, ctx);
    REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()).data());
    return *r;
}

/// Decides and applies: the state after the command.
deal_state after(const deal_command& c, const std::optional<deal_state>& s,
                 const command_context& ctx = admin) {
    std::optional<deal_state> state = s;
    for (const auto& e : accepted(c, s, ctx)) {
        state = evolve(state, e, ctx.actor);
    }
    return *state;
}

deal_state created(const command_context& ctx = admin) {
    return after(new_deal(), std::nullopt, ctx);
}

} // namespace

TEST_CASE("ISO 4217 codes are recognised exactly") {
    for (const auto* code : {"BRL", "USD", "EUR", "JPY", "XOF", "ZWL", "AED"}) {
        CHECK_MESSAGE(is_iso4217(code), code);
    }
    for (const auto* code : {"", "brl", "BR", "BRLX", "XXX", "XAU", "ABC", "US$"}) {
        CHECK_FALSE_MESSAGE(is_iso4217(code), code);
    }
}

TEST_CASE("a deal starts in the pipeline's first stage with that stage's probability") {
    const auto events = accepted(new_deal(), std::nullopt, agent_ana);
    REQUIRE(events.size() == 1);
    const auto& e = std::get<deal_created>(events[0]);
    CHECK(e.stage == "prospecting");
    CHECK(e.probability == 10);
    CHECK_FALSE(e.probability_overridden);
    CHECK(e.owner == user_id{"u-ana"}); // the actor unless the command names an owner
    const auto s = evolve(std::nullopt, events[0], user_id{"u-ana"});
    CHECK(s.status == deal_status::open);
    CHECK(s.created_by == user_id{"u-ana"});
    CHECK(s.version == 1);
}

TEST_CASE("create: a named stage and an overriding probability are honoured") {
    auto c = new_deal();
    c.stage = "proposal";
    c.probability = 65;
    c.owner = user_id{"u-bruno"};
    const auto events = accepted(c, std::nullopt);
    const auto& e = std::get<deal_created>(events[0]);
    CHECK(e.stage == "proposal");
    CHECK(e.probability == 65);
    CHECK(e.probability_overridden);
    CHECK(e.owner == user_id{"u-bruno"});
}

TEST_CASE("create refuses unknown pipelines and stages, bad money and bad probabilities") {
    CHECK(refused(new_deal(), std::nullopt, admin, nullptr) == deal_error::unknown_pipeline);
    auto other = new_deal();
    other.pipeline = pipeline_id{"0190a5c4-7b1e-7c3d-8e2f-0000000000ff"};
    CHECK(refused(other, std::nullopt) == deal_error::unknown_pipeline);
    auto c = new_deal();
    c.stage = "won";
    CHECK(refused(c, std::nullopt) == deal_error::unknown_stage);
    c = new_deal();
    c.value.cents = -1;
    CHECK(refused(c, std::nullopt) == deal_error::invalid_value);
    c = new_deal();
    c.value.currency = "REAIS";
    CHECK(refused(c, std::nullopt) == deal_error::invalid_value);
    c = new_deal();
    c.probability = 101;
    CHECK(refused(c, std::nullopt) == deal_error::invalid_probability);
    c = new_deal();
    c.value.cents = 0; // a zero-value deal is allowed
    CHECK(decide(c, std::nullopt, &sales_pipeline, admin).has_value());
    CHECK(refused(new_deal(), created()) == deal_error::already_exists);
    CHECK(refused(new_deal(), std::nullopt, viewer) == deal_error::not_permitted);
}

TEST_CASE("commands on a missing deal are not_found") {
    CHECK(refused(win_deal{deal_1}, std::nullopt) == deal_error::not_found);
    CHECK(refused(move_deal_stage{.id = deal_1, .stage = "proposal"}, std::nullopt) ==
          deal_error::not_found);
}

TEST_CASE("moving a deal: probability follows the stage unless overridden") {
    const auto moved = after(move_deal_stage{.id = deal_1, .stage = "negotiation"}, created());
    CHECK(moved.stage == "negotiation");
    CHECK(moved.probability == 75);
    CHECK_FALSE(moved.probability_overridden);

    const auto events =
        accepted(move_deal_stage{.id = deal_1, .stage = "proposal", .probability = 40}, moved);
    const auto& e = std::get<deal_stage_moved>(events[0]);
    CHECK(e.from == "negotiation");
    CHECK(e.to == "proposal");
    CHECK(e.probability == 40);
    CHECK(e.probability_overridden);

    CHECK(refused(move_deal_stage{.id = deal_1, .stage = "won"}, moved) ==
          deal_error::unknown_stage);
    CHECK(refused(move_deal_stage{.id = deal_1, .stage = "proposal", .probability = -5}, moved) ==
          deal_error::invalid_probability);
    CHECK(refused(move_deal_stage{.id = deal_1, .stage = "negotiation"}, moved) ==
          deal_error::nothing_to_change);
}

TEST_CASE("a closed deal cannot be moved or changed; winning a lost deal needs a reopen") {
    const auto won = after(win_deal{deal_1}, created());
    CHECK(won.status == deal_status::won);
    CHECK(refused(move_deal_stage{.id = deal_1, .stage = "proposal"}, won) ==
          deal_error::deal_closed);
    CHECK(refused(update_deal{.id = deal_1, .title = "new"}, won) == deal_error::deal_closed);
    CHECK(refused(lose_deal{deal_1, "late"}, won) == deal_error::not_open);

    const auto lost = after(lose_deal{deal_1, "price"}, created());
    CHECK(lost.status == deal_status::lost);
    CHECK(refused(win_deal{deal_1}, lost) == deal_error::not_open);
    const auto reopened = after(reopen_deal{deal_1}, lost);
    CHECK(reopened.status == deal_status::open);
    const auto reopen_events = accepted(reopen_deal{deal_1}, lost);
    CHECK(std::get<deal_reopened>(reopen_events[0]).from == deal_status::lost);
    const auto won_later = after(win_deal{deal_1}, reopened);
    CHECK(won_later.status == deal_status::won);
    CHECK(refused(reopen_deal{deal_1}, created()) == deal_error::not_closed);
}

TEST_CASE("winning records the deal's value as revenue") {
    auto s = after(update_deal{.id = deal_1, .value = money{.cents = 990'000, .currency = "USD"}},
                   created());
    const auto events = accepted(win_deal{deal_1}, s);
    const auto& won = std::get<deal_won>(events[0]);
    CHECK(won.value == money{.cents = 990'000, .currency = "USD"});
}

TEST_CASE("update carries only what changes and checks money") {
    const auto s = created();
    const auto events = accepted(update_deal{.id = deal_1,
                                             .value = twelve_thousand_reais, // unchanged
                                             .owner = user_id{"u-bruno"}},
                                 s);
    const auto& e = std::get<deal_updated>(events[0]);
    CHECK_FALSE(e.value);
    CHECK(e.owner == user_id{"u-bruno"});
    CHECK(refused(update_deal{.id = deal_1, .value = twelve_thousand_reais}, s) ==
          deal_error::nothing_to_change);
    CHECK(refused(update_deal{.id = deal_1, .value = money{.cents = -5, .currency = "BRL"}}, s) ==
          deal_error::invalid_value);
    CHECK(refused(update_deal{.id = deal_1, .value = money{.cents = 5, .currency = "ZZZ"}}, s) ==
          deal_error::invalid_value);
}

TEST_CASE("update compares title, close date and company with the deal's current ones") {
    auto s = created();
    CHECK(refused(update_deal{.id = deal_1, .title = "Loja da Maria: 20 seats"}, s) ==
          deal_error::nothing_to_change);
    s = after(
        update_deal{.id = deal_1,
                    .title = "Loja da Maria: 25 seats",
                    .expected_close = std::optional<std::string>("2026-12-01"),
                    .company = std::optional(company_id{"0190a5c4-0000-7000-8000-0000000000c1"})},
        s);
    CHECK(s.title == "Loja da Maria: 25 seats");
    CHECK(s.expected_close == "2026-12-01");
    CHECK(refused(update_deal{.id = deal_1,
                              .expected_close = std::optional<std::string>("2026-12-01"),
                              .company = std::optional(
                                  company_id{"0190a5c4-0000-7000-8000-0000000000c1"})},
                  s) == deal_error::nothing_to_change);
    const auto cleared = accepted(update_deal{.id = deal_1,
                                              .title = "Loja da Maria: 25 seats",
                                              .expected_close = std::optional<std::string>()},
                                  s);
    const auto& e = std::get<deal_updated>(cleared[0]);
    CHECK_FALSE(e.title);
    REQUIRE(e.expected_close.has_value());
    CHECK_FALSE(e.expected_close->has_value());
    CHECK_FALSE(after(update_deal{.id = deal_1, .expected_close = std::optional<std::string>()}, s)
                    .expected_close);
}

TEST_CASE("an agent acts only on deals they own or created; a viewer never writes") {
    const auto by_admin = created(admin);
    CHECK(refused(win_deal{deal_1}, by_admin, agent_ana) == deal_error::not_permitted);
    CHECK(refused(win_deal{deal_1}, by_admin, viewer) == deal_error::not_permitted);

    const auto owned_by_ana = after(update_deal{.id = deal_1, .owner = user_id{"u-ana"}}, by_admin);
    CHECK(decide(win_deal{deal_1}, owned_by_ana, &sales_pipeline, agent_ana).has_value());
    CHECK(refused(win_deal{deal_1}, owned_by_ana, agent_bruno) == deal_error::not_permitted);

    const auto created_by_bruno = created(agent_bruno);
    CHECK(decide(lose_deal{deal_1, "gone"}, created_by_bruno, &sales_pipeline, agent_bruno)
              .has_value());
    CHECK(decide(win_deal{deal_1}, created_by_bruno, &sales_pipeline, manager).has_value());
}

TEST_CASE("error slugs are stable") {
    CHECK(to_string(deal_error::deal_closed) == "deal-closed");
    CHECK(to_string(deal_error::unknown_stage) == "unknown-stage");
    CHECK(to_string(deal_error::invalid_value) == "invalid-value");
}
