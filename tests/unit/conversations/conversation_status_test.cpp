// Pins the status moves of a conversation (issue 5): handoff from the bot or from nobody,
// pending, resolve and reopen, each from the statuses that allow it and by whom.
#include "fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

hand_off_conversation handoff(handoff_strategy strategy, std::optional<user_id> agent = {}) {
    return {chat_1, strategy, std::move(agent)};
}

conversation_state in_status(conversation_status status, std::optional<user_id> agent) {
    auto s = with_bot();
    s.status = status;
    s.assigned_agent = std::move(agent);
    return s;
}

} // namespace

TEST_CASE("a handoff opens the conversation, assigns the agent and sets the SLA") {
    auto f = facts();
    f.round_robin_cursor = 4; // 4 % 3 → Bruno
    const auto r = decide(handoff(handoff_strategy::round_robin), with_bot(), f, later(ana, 60));
    REQUIRE(r);
    CHECK(r->front() ==
          conversation_event{conversation_handed_off{.id = chat_1,
                                                     .agent = u_bruno,
                                                     .strategy = handoff_strategy::round_robin,
                                                     .at = t0 + std::chrono::seconds{60},
                                                     .sla_due_at = t0 + std::chrono::seconds{60} +
                                                                   std::chrono::minutes{15}}});
    const auto s = evolve(with_bot(), r->front());
    CHECK(s.status == conversation_status::open);
    CHECK(s.assigned_agent == u_bruno);
    CHECK(s.handed_off_at == t0 + std::chrono::seconds{60});
    CHECK(s.human_since == t0 + std::chrono::seconds{60});
    CHECK(s.sla_due_at == t0 + std::chrono::seconds{60} + std::chrono::minutes{15});
}

TEST_CASE("least busy hands off to the first agent with the fewest open conversations") {
    const auto r = decide(handoff(handoff_strategy::least_busy), with_bot(), facts(), ana);
    REQUIRE(r);
    CHECK(std::get<conversation_handed_off>(r->front()).agent == u_bruno);
}

TEST_CASE("manual handoff: to an active agent; agents may only take it themselves") {
    const auto to_carla = handoff(handoff_strategy::manual, u_carla);
    const auto r = decide(to_carla, with_bot(), facts(), manager);
    REQUIRE(r);
    CHECK(std::get<conversation_handed_off>(r->front()).agent == u_carla);
    CHECK(decide(to_carla, with_bot(), facts(), ana).error() == conversation_error::not_permitted);
    CHECK(decide(handoff(handoff_strategy::manual, u_ana), with_bot(), facts(), ana).has_value());
    CHECK(decide(handoff(handoff_strategy::manual, user_id{"u-gone"}), with_bot(), facts(), admin)
              .error() == conversation_error::no_agent_available);
    CHECK(decide(handoff(handoff_strategy::manual), with_bot(), facts(), admin).error() ==
          conversation_error::no_agent_available);
}

TEST_CASE("no active agent: no handoff") {
    auto f = facts();
    f.agents.clear();
    for (const auto strategy : {handoff_strategy::round_robin, handoff_strategy::least_busy}) {
        CHECK(decide(handoff(strategy), with_bot(), f, ana).error() ==
              conversation_error::no_agent_available);
    }
}

TEST_CASE("handoff only from the bot or from open/pending without an agent") {
    using enum conversation_status;
    struct row {
        conversation_status status;
        std::optional<user_id> agent;
        std::optional<conversation_error> refusal;
    };
    const row table[] = {
        {bot, std::nullopt, std::nullopt},
        {open, std::nullopt, std::nullopt},
        {pending, std::nullopt, std::nullopt},
        {open, u_ana, conversation_error::invalid_transition},
        {pending, u_ana, conversation_error::invalid_transition},
        {resolved, std::nullopt, conversation_error::conversation_resolved},
        {resolved, u_ana, conversation_error::conversation_resolved},
    };
    for (const auto& [status, agent, refusal] : table) {
        CAPTURE(to_string(status));
        CAPTURE(agent.has_value());
        const auto r =
            decide(handoff(handoff_strategy::least_busy), in_status(status, agent), facts(), admin);
        if (refusal) {
            CHECK(r.error() == *refusal);
        } else {
            CHECK(r.has_value());
        }
    }
}

TEST_CASE("status commands from each status") {
    using enum conversation_status;
    using enum conversation_error;
    struct row {
        conversation_command command;
        conversation_status from;
        std::optional<conversation_error> refusal; ///< nullopt: accepted
        conversation_status to;
    };
    const conversation_command to_pending = mark_conversation_pending{chat_1};
    const conversation_command to_resolve = resolve_conversation{chat_1, "Resolvido"};
    const conversation_command to_reopen = reopen_conversation{chat_1};
    const row table[] = {
        {to_pending, open, std::nullopt, pending},
        {to_pending, pending, nothing_to_change, {}},
        {to_pending, bot, invalid_transition, {}},
        {to_pending, resolved, conversation_resolved, {}},
        {to_resolve, bot, std::nullopt, resolved},
        {to_resolve, open, std::nullopt, resolved},
        {to_resolve, pending, std::nullopt, resolved},
        {to_resolve, resolved, nothing_to_change, {}},
        {to_reopen, resolved, std::nullopt, open},
        {to_reopen, bot, invalid_transition, {}},
        {to_reopen, open, invalid_transition, {}},
        {to_reopen, pending, invalid_transition, {}},
    };
    for (const auto& [command, from, refusal, to] : table) {
        CAPTURE(command.index());
        CAPTURE(to_string(from));
        const auto s = in_status(from, std::nullopt);
        const auto r = decide(command, s, facts(), ana);
        if (refusal) {
            CHECK(r.error() == *refusal);
            continue;
        }
        REQUIRE(r);
        const auto after = evolve(s, r->front());
        CHECK(after.status == to);
        CHECK(after.version == s.version + 1);
    }
}

TEST_CASE("resolve keeps its note; reopen keeps the agent") {
    const auto r =
        decide(resolve_conversation{chat_1, "Proposta enviada"}, with_ana(), facts(), ana);
    REQUIRE(r);
    CHECK(r->front() ==
          conversation_event{conversation_resolved{.id = chat_1, .note = "Proposta enviada"}});
    const auto s = *run(with_ana(), {{resolve_conversation{chat_1, std::nullopt}, ana},
                                     {reopen_conversation{chat_1}, ana}});
    CHECK(s.status == conversation_status::open);
    CHECK(s.assigned_agent == u_ana);
}

TEST_CASE("an agent changes the status only of a conversation that is theirs or nobody's") {
    const auto s = with_ana();
    const std::vector<conversation_command> commands{mark_conversation_pending{chat_1},
                                                     resolve_conversation{chat_1, std::nullopt}};
    for (const auto& command : commands) {
        CHECK(decide(command, s, facts(), bruno).error() == conversation_error::not_permitted);
        for (const auto& ctx : {ana, manager, admin}) {
            CHECK(decide(command, s, facts(), ctx).has_value());
        }
    }
    const auto resolved = *run(s, {{resolve_conversation{chat_1, std::nullopt}, ana}});
    CHECK(decide(reopen_conversation{chat_1}, resolved, facts(), bruno).error() ==
          conversation_error::not_permitted);
    CHECK(decide(reopen_conversation{chat_1}, resolved, facts(), manager).has_value());
    // The bot's conversation is nobody's yet.
    CHECK(
        decide(resolve_conversation{chat_1, std::nullopt}, with_bot(), facts(), bruno).has_value());
}
