// Pins the message rules of issue 5: directions and senders, agent messages only after a
// handoff and only by the assigned agent (or a manager), nothing on a resolved
// conversation, and first response time measured once.
#include "fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

TEST_CASE("a message in is received; bot messages go out while the bot has it") {
    const auto s = with_bot();
    auto in = from_lead("m1", "Quero preços");
    in.content_type = message_content_type::image;
    const auto r = decide(in, s, facts(), later(ana, 5));
    REQUIRE(r);
    CHECK(r->front() == conversation_event{conversation_message_received{
                            .id = chat_1,
                            .message = message_id{"m1"},
                            .content = "Quero preços",
                            .content_type = message_content_type::image,
                            .at = t0 + std::chrono::seconds{5}}});
    const auto after_in = evolve(s, r->front());
    CHECK(after_in.message_count == 1);
    CHECK(after_in.last == last_message{.id = message_id{"m1"},
                                        .sender = sender_type::lead,
                                        .at = t0 + std::chrono::seconds{5}});

    const auto out = decide(by_bot("m2"), after_in, facts(), later(ana, 6));
    REQUIRE(out);
    const auto& sent = std::get<conversation_message_sent>(out->front());
    CHECK(sent.sender == sender_type::bot);
    CHECK_FALSE(sent.agent);
    CHECK_FALSE(sent.first_response_seconds);
    const auto after_out = evolve(after_in, out->front());
    CHECK(after_out.message_count == 2);
    CHECK(after_out.last->sender == sender_type::bot);
    CHECK_FALSE(after_out.first_response_at);
}

TEST_CASE("direction and sender must go together") {
    const auto s = with_ana();
    auto lead_out = from_lead("m1");
    lead_out.direction = message_direction::out;
    auto agent_in = by_agent("m2");
    agent_in.direction = message_direction::in;
    auto bot_in = by_bot("m3");
    bot_in.direction = message_direction::in;
    for (const auto& command : {lead_out, agent_in, bot_in}) {
        CHECK(decide(command, s, facts(), ana).error() == conversation_error::sender_mismatch);
    }
}

TEST_CASE("an agent message while the bot has the conversation is refused") {
    CHECK(decide(by_agent("m1"), with_bot(), facts(), ana).error() ==
          conversation_error::not_handed_off);
    CHECK(decide(by_agent("m1"), with_bot(), facts(), admin).error() ==
          conversation_error::not_handed_off);
}

TEST_CASE("only the assigned agent, or an admin or manager, writes as agent") {
    const auto s = with_ana();
    CHECK(decide(by_agent("m1"), s, facts(), bruno).error() == conversation_error::not_permitted);
    for (const auto& ctx : {ana, manager, admin}) {
        const auto r = decide(by_agent("m1"), s, facts(), ctx);
        REQUIRE(r);
        CHECK(std::get<conversation_message_sent>(r->front()).agent == ctx.actor);
    }
    // Lead and bot messages are the connector's, whoever it runs as.
    CHECK(decide(from_lead("m2"), s, facts(), bruno).has_value());
    CHECK(decide(by_bot("m3"), s, facts(), bruno).has_value());
}

TEST_CASE("an unassigned open conversation takes any agent's message") {
    const auto s = *run(std::nullopt, {{new_chat(false), ana}});
    CHECK(decide(by_agent("m1"), s, facts(), bruno).has_value());
}

TEST_CASE("nothing is written to a resolved conversation") {
    const auto s = *run(with_ana(), {{resolve_conversation{chat_1, std::nullopt}, ana}});
    for (const auto& command : {from_lead("m1"), by_bot("m2"), by_agent("m3")}) {
        CHECK(decide(command, s, facts(), admin).error() ==
              conversation_error::conversation_resolved);
    }
}

TEST_CASE("messages out need a connected instance; messages in are recorded anyway") {
    auto f = facts();
    f.channel_connected = false;
    const auto s = with_ana();
    CHECK(decide(by_agent("m1"), s, f, ana).error() == conversation_error::channel_not_connected);
    CHECK(decide(by_bot("m2"), s, f, ana).error() == conversation_error::channel_not_connected);
    CHECK(decide(from_lead("m3"), s, f, ana).has_value());
}

TEST_CASE("first response: seconds since the handoff, on the first agent message only") {
    // Handed off at t0 + 60 s; the bot and the lead talk first, then Ana answers at +230 s.
    auto s =
        *run(with_ana(), {{by_bot("m1"), later(ana, 100)}, {from_lead("m2"), later(ana, 200)}});
    const auto first = decide(by_agent("m3"), s, facts(), later(ana, 230));
    REQUIRE(first);
    CHECK(std::get<conversation_message_sent>(first->front()).first_response_seconds == 170u);
    s = evolve(s, first->front());
    CHECK(s.first_response_at == t0 + std::chrono::seconds{230});

    const auto second = decide(by_agent("m4"), s, facts(), later(manager, 300));
    REQUIRE(second);
    CHECK_FALSE(std::get<conversation_message_sent>(second->front()).first_response_seconds);
    s = evolve(s, second->front());
    CHECK(s.first_response_at == t0 + std::chrono::seconds{230});
    CHECK(s.message_count == 4);

    // Not measured again after a resolve and reopen.
    s = *run(s, {{resolve_conversation{chat_1, std::nullopt}, ana},
                 {reopen_conversation{chat_1}, later(ana, 900)}});
    const auto after_reopen = decide(by_agent("m5"), s, facts(), later(ana, 1000));
    REQUIRE(after_reopen);
    CHECK_FALSE(std::get<conversation_message_sent>(after_reopen->front()).first_response_seconds);
}

TEST_CASE("first response of a conversation started open counts from its start") {
    const auto s = *run(std::nullopt, {{new_chat(false), ana}, {from_lead("m1"), later(ana, 10)}});
    const auto r = decide(by_agent("m2"), s, facts(), later(bruno, 95));
    REQUIRE(r);
    CHECK(std::get<conversation_message_sent>(r->front()).first_response_seconds == 95u);
}

TEST_CASE("first response of a conversation the bot resolved counts from its reopening") {
    const auto s = *run(with_bot(), {{resolve_conversation{chat_1, std::nullopt}, ana},
                                     {reopen_conversation{chat_1}, later(manager, 500)}});
    CHECK(s.status == conversation_status::open);
    CHECK_FALSE(s.assigned_agent);
    CHECK(s.human_since == t0 + std::chrono::seconds{500});
    const auto r = decide(by_agent("m1"), s, facts(), later(ana, 540));
    REQUIRE(r);
    CHECK(std::get<conversation_message_sent>(r->front()).first_response_seconds == 40u);
}
