// Pins the pure agent picker (round robin wraps, least busy breaks ties by list order)
// and the per-tenant numbers the writer keeps from events (cursor and loads).
#include "fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

TEST_CASE("round robin takes agents[cursor % n] and wraps") {
    const std::vector<agent_load> agents{{u_ana, 5}, {u_bruno, 0}, {u_carla, 9}};
    const std::vector<user_id> expected{u_ana, u_bruno, u_carla, u_ana, u_bruno, u_carla, u_ana};
    for (std::size_t cursor = 0; cursor < expected.size(); ++cursor) {
        CAPTURE(cursor);
        CHECK(pick_agent(handoff_strategy::round_robin, agents, cursor) == expected[cursor]);
    }
    CHECK(pick_agent(handoff_strategy::round_robin, agents, 3'000'000'002) == u_carla);
}

TEST_CASE("least busy takes the fewest open conversations, ties to the earlier agent") {
    CHECK(pick_agent(handoff_strategy::least_busy,
                     std::vector<agent_load>{{u_ana, 3}, {u_bruno, 1}, {u_carla, 2}},
                     0) == u_bruno);
    CHECK(pick_agent(handoff_strategy::least_busy,
                     std::vector<agent_load>{{u_ana, 3}, {u_bruno, 1}, {u_carla, 1}},
                     0) == u_bruno);
    CHECK(pick_agent(handoff_strategy::least_busy,
                     std::vector<agent_load>{{u_carla, 1}, {u_bruno, 1}, {u_ana, 1}},
                     7) == u_carla);
}

TEST_CASE("nobody to pick: no agents, or a manual handoff") {
    const std::vector<agent_load> none;
    CHECK_FALSE(pick_agent(handoff_strategy::round_robin, none, 0));
    CHECK_FALSE(pick_agent(handoff_strategy::least_busy, none, 0));
    const std::vector<agent_load> one{{u_ana, 0}};
    CHECK_FALSE(pick_agent(handoff_strategy::manual, one, 0));
    CHECK(pick_agent(handoff_strategy::round_robin, one, 41) == u_ana);
}

TEST_CASE("the cursor advances on round-robin handoffs only") {
    const auto at = t0;
    CHECK(advances_round_robin(
        conversation_handed_off{chat_1, u_ana, handoff_strategy::round_robin, at, at}));
    CHECK_FALSE(advances_round_robin(
        conversation_handed_off{chat_1, u_ana, handoff_strategy::least_busy, at, at}));
    CHECK_FALSE(advances_round_robin(
        conversation_handed_off{chat_1, u_ana, handoff_strategy::manual, at, at}));
    CHECK_FALSE(advances_round_robin(conversation_resolved{chat_1, std::nullopt}));
}

TEST_CASE("loads follow handoffs, resolutions and reopenings") {
    const auto bot = with_bot();
    const conversation_event handed_off =
        conversation_handed_off{chat_1, u_ana, handoff_strategy::manual, t0, t0};
    CHECK(load_change_of(bot, handed_off) == agent_load_change{u_ana, +1});
    const auto ana_has_it = evolve(bot, handed_off);
    const conversation_event resolved = conversation_resolved{chat_1, std::nullopt};
    const conversation_event reopened = conversation_reopened{chat_1, t0};
    CHECK(load_change_of(ana_has_it, resolved) == agent_load_change{u_ana, -1});
    CHECK(load_change_of(evolve(ana_has_it, resolved), reopened) == agent_load_change{u_ana, +1});
    CHECK_FALSE(load_change_of(ana_has_it, conversation_marked_pending{chat_1}));
    CHECK_FALSE(load_change_of(ana_has_it, conversation_message_received{.id = chat_1}));
    // The bot's conversations count for nobody.
    CHECK_FALSE(load_change_of(bot, resolved));
    CHECK_FALSE(load_change_of(std::nullopt, conversation_started{.id = chat_1}));
}

TEST_CASE("a tenant's handoffs spread over agents as the writer keeps cursor and loads") {
    // Three bot conversations handed off round robin, then a least-busy one after the
    // first is resolved: the writer's bookkeeping, driven by the events only.
    std::vector<agent_load> loads{{u_ana, 0}, {u_bruno, 0}, {u_carla, 0}};
    std::size_t cursor = 0;
    const auto apply = [&](const std::optional<conversation_state>& before,
                           const conversation_event& e) {
        if (advances_round_robin(e)) {
            ++cursor;
        }
        if (const auto change = load_change_of(before, e)) {
            for (auto& load : loads) {
                if (load.agent == change->agent) {
                    load.open_conversations += change->delta;
                }
            }
        }
        return evolve(before, e);
    };
    std::vector<conversation_state> chats;
    for (const char* id : {"c1", "c2", "c3"}) {
        auto start = new_chat();
        start.id = conversation_id{id};
        const auto started = decide(start, std::nullopt, facts(), ana);
        REQUIRE(started);
        std::optional<conversation_state> s = apply(std::nullopt, started->front());
        auto f = facts();
        f.agents = loads;
        f.round_robin_cursor = cursor;
        const auto r =
            decide(hand_off_conversation{s->id, handoff_strategy::round_robin, {}}, s, f, ana);
        REQUIRE(r);
        s = apply(s, r->front());
        chats.push_back(*s);
    }
    CHECK(chats[0].assigned_agent == u_ana);
    CHECK(chats[1].assigned_agent == u_bruno);
    CHECK(chats[2].assigned_agent == u_carla);
    CHECK(cursor == 3);
    const auto resolved =
        decide(resolve_conversation{chats[1].id, std::nullopt}, chats[1], facts(), bruno);
    REQUIRE(resolved);
    apply(chats[1], resolved->front());
    CHECK(loads == std::vector<agent_load>{{u_ana, 1}, {u_bruno, 0}, {u_carla, 1}});
    CHECK(pick_agent(handoff_strategy::least_busy, loads, cursor) == u_bruno);
    CHECK(pick_agent(handoff_strategy::round_robin, loads, cursor) == u_ana);
}
