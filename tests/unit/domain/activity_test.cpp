// Pins every activity rule of issue 4: links that must exist, the assignee defaulting to the
// creator, updates carrying only what changes, completion once, and who may act.
#include "lead_fixtures.hpp"
#include "ventros/domain/activity.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

const activity_id call_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
const contact_id contact_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000c1"};
const timestamp monday_ten{std::chrono::milliseconds{1'790'000'000'000}};
const timestamp tuesday_ten = monday_ten + std::chrono::hours{24};
const activity_links_found all_found{};

create_activity new_call() {
    return {.id = call_1,
            .kind = activity_kind::call,
            .subject = "Ligar para a Maria",
            .due_at = monday_ten,
            .links = {.lead = lead_1}};
}

activity_error refused(const activity_command& c, const std::optional<activity_state>& s,
                       const command_context& ctx = admin,
                       const activity_links_found& found = all_found) {
    auto r = decide(c, s, found, ctx);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

std::vector<activity_event> accepted(const activity_command& c,
                                     const std::optional<activity_state>& s,
                                     const command_context& ctx = admin) {
    auto r = decide(c, s, all_found, ctx);
    REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()).data());
    return *r;
}

/// Decides and applies: the state after the command.
activity_state after(const activity_command& c, const std::optional<activity_state>& s,
                     const command_context& ctx = admin) {
    std::optional<activity_state> state = s;
    for (const auto& e : accepted(c, s, ctx)) {
        state = evolve(state, e, ctx.actor);
    }
    return *state;
}

activity_state created(const command_context& ctx = admin) {
    return after(new_call(), std::nullopt, ctx);
}

} // namespace

TEST_CASE("activity kinds have stable names") {
    for (const auto kind : {activity_kind::call, activity_kind::email, activity_kind::meeting,
                            activity_kind::task, activity_kind::note}) {
        CHECK(parse_activity_kind(to_string(kind)) == kind);
    }
    CHECK(to_string(activity_kind::meeting) == "meeting");
    CHECK_FALSE(parse_activity_kind("lunch"));
    CHECK_FALSE(parse_activity_kind("Call"));
}

TEST_CASE("an activity is assigned to its creator unless the command names an assignee") {
    const auto events = accepted(new_call(), std::nullopt, agent_ana);
    REQUIRE(events.size() == 1);
    const auto& e = std::get<activity_created>(events[0]);
    CHECK(e.kind == activity_kind::call);
    CHECK(e.subject == "Ligar para a Maria");
    CHECK(e.due_at == monday_ten);
    CHECK(e.assignee == user_id{"u-ana"});
    CHECK(e.links == activity_links{.lead = lead_1});
    const auto s = evolve(std::nullopt, events[0], user_id{"u-ana"});
    CHECK(s.created_by == user_id{"u-ana"});
    CHECK_FALSE(s.completed);
    CHECK(s.version == 1);

    auto c = new_call();
    c.assignee = user_id{"u-bruno"};
    CHECK(std::get<activity_created>(accepted(c, std::nullopt)[0]).assignee == user_id{"u-bruno"});
}

TEST_CASE("create needs a link, and every linked record must exist") {
    auto unlinked = new_call();
    unlinked.links = {};
    CHECK(refused(unlinked, std::nullopt) == activity_error::link_required);
    CHECK(refused(new_call(), std::nullopt, admin, {.lead = false}) ==
          activity_error::unknown_lead);
    auto on_deal = new_call();
    on_deal.links = {.deal = deal_1};
    CHECK(refused(on_deal, std::nullopt, admin, {.deal = false}) == activity_error::unknown_deal);
    auto on_contact = new_call();
    on_contact.links = {.contact = contact_1};
    CHECK(refused(on_contact, std::nullopt, admin, {.contact = false}) ==
          activity_error::unknown_contact);
    CHECK(decide(on_contact, std::nullopt, all_found, admin).has_value());
    CHECK(refused(new_call(), created()) == activity_error::already_exists);
}

TEST_CASE("the links a command sets are the ones the writer looks up") {
    CHECK(links_set_by(new_call()) == activity_links{.lead = lead_1});
    const auto update = update_activity{
        .id = call_1, .lead = std::optional<lead_id>{}, .deal = std::optional(deal_1)};
    CHECK(links_set_by(update) == activity_links{.deal = deal_1});
    CHECK(links_set_by(complete_activity{.id = call_1, .outcome = "ok"}).empty());
}

TEST_CASE("commands on a missing activity are not_found") {
    CHECK(refused(complete_activity{.id = call_1, .outcome = "ok"}, std::nullopt) ==
          activity_error::not_found);
    CHECK(refused(update_activity{.id = call_1, .subject = "x"}, std::nullopt) ==
          activity_error::not_found);
}

TEST_CASE("update carries only what changes") {
    const auto s = created();
    const auto events = accepted(update_activity{.id = call_1,
                                                 .subject = "Ligar para a Maria", // unchanged
                                                 .description = std::optional<std::string>("x"),
                                                 .due_at = std::optional(tuesday_ten),
                                                 .assignee = user_id{"u-bruno"},
                                                 .deal = std::optional(deal_1)},
                                 s);
    REQUIRE(events.size() == 1);
    const auto& e = std::get<activity_updated>(events[0]);
    CHECK_FALSE(e.subject);
    CHECK(e.description == std::optional<std::string>("x"));
    CHECK(e.due_at == std::optional(tuesday_ten));
    CHECK(e.assignee == user_id{"u-bruno"});
    CHECK_FALSE(e.lead);
    CHECK(e.deal == std::optional(deal_1));
    CHECK_FALSE(e.contact);

    const auto changed = after(update_activity{.id = call_1,
                                               .subject = "Ligar de novo",
                                               .due_at = std::optional<timestamp>{},
                                               .lead = std::optional<lead_id>{},
                                               .deal = std::optional(deal_1)},
                               s);
    CHECK(changed.subject == "Ligar de novo");
    CHECK_FALSE(changed.due_at);
    CHECK(changed.links == activity_links{.deal = deal_1});
    CHECK(changed.version == 2);
}

TEST_CASE("an update that changes nothing, or drops the last link, is refused") {
    const auto s = created();
    CHECK(refused(update_activity{.id = call_1, .subject = "Ligar para a Maria"}, s) ==
          activity_error::nothing_to_change);
    CHECK(refused(update_activity{.id = call_1,
                                  .due_at = std::optional(monday_ten),
                                  .lead = std::optional(lead_1),
                                  .contact = std::optional<contact_id>{}},
                  s) == activity_error::nothing_to_change);
    CHECK(refused(update_activity{.id = call_1, .lead = std::optional<lead_id>{}}, s) ==
          activity_error::link_required);
    CHECK(refused(update_activity{.id = call_1, .deal = std::optional(deal_1)}, s, admin,
                  {.deal = false}) == activity_error::unknown_deal);
}

TEST_CASE("completion records the outcome once; a completed activity changes only by reopening") {
    const auto events =
        accepted(complete_activity{.id = call_1, .outcome = "Vai fechar"}, created());
    CHECK(std::get<activity_completed>(events[0]).outcome == "Vai fechar");
    const auto done = after(complete_activity{.id = call_1, .outcome = "Vai fechar"}, created());
    CHECK(done.completed);
    CHECK(refused(complete_activity{.id = call_1, .outcome = "again"}, done) ==
          activity_error::already_completed);
    CHECK(refused(update_activity{.id = call_1, .subject = "late"}, done) ==
          activity_error::already_completed);
    CHECK(refused(reopen_activity{.id = call_1}, created()) == activity_error::not_completed);
    const auto reopened = after(reopen_activity{.id = call_1}, done);
    CHECK_FALSE(reopened.completed);
    CHECK(reopened.version == 3);
    CHECK(after(update_activity{.id = call_1, .subject = "again"}, reopened).subject == "again");
    CHECK(refused(reopen_activity{.id = call_1}, done, agent_ana) == activity_error::not_permitted);
}

TEST_CASE("an agent acts only on activities assigned to or created by them; a viewer never "
          "writes") {
    const auto by_admin = created(admin);
    const complete_activity done{.id = call_1, .outcome = "ok"};
    CHECK(refused(done, by_admin, agent_ana) == activity_error::not_permitted);
    CHECK(refused(done, by_admin, viewer) == activity_error::not_permitted);
    CHECK(refused(new_call(), std::nullopt, viewer) == activity_error::not_permitted);

    const auto for_ana =
        after(update_activity{.id = call_1, .assignee = user_id{"u-ana"}}, by_admin);
    CHECK(decide(done, for_ana, all_found, agent_ana).has_value());
    CHECK(refused(done, for_ana, agent_bruno) == activity_error::not_permitted);

    const auto by_bruno = created(agent_bruno);
    const auto handed_over =
        after(update_activity{.id = call_1, .assignee = user_id{"u-ana"}}, by_bruno, agent_bruno);
    CHECK(decide(done, handed_over, all_found, agent_bruno).has_value()); // still the creator
    CHECK(decide(done, by_bruno, all_found, manager).has_value());
}

TEST_CASE("activity error slugs are stable") {
    CHECK(to_string(activity_error::already_completed) == "activity-completed");
    CHECK(to_string(activity_error::unknown_lead) == "unknown-lead");
    CHECK(to_string(activity_error::unknown_deal) == "unknown-deal");
    CHECK(to_string(activity_error::unknown_contact) == "unknown-contact");
    CHECK(to_string(activity_error::link_required) == "activity-link-required");
    CHECK(to_string(activity_error::not_found) == "activity-not-found");
    CHECK(to_string(activity_error::nothing_to_change) == "nothing-to-change");
    CHECK(to_string(activity_error::not_completed) == "activity-not-completed");
}
