// Pins how a conversation starts (issue 5): with the bot or open, on an instance that
// exists and is connected, with a lead that exists, and who may start it.
#include "fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

TEST_CASE("a conversation starts with the bot, without an SLA until a handoff") {
    const auto r = decide(new_chat(), std::nullopt, facts(), ana);
    REQUIRE(r);
    CHECK(r->front() == conversation_event{conversation_started{.id = chat_1,
                                                                .channel_instance = whatsapp_1,
                                                                .lead = lead_1,
                                                                .party_name = "Maria Silva",
                                                                .party_address = "+5511987654321",
                                                                .status = conversation_status::bot,
                                                                .sla_minutes = 15,
                                                                .opened_at = t0,
                                                                .sla_due_at = std::nullopt}});
    const auto s = evolve(std::nullopt, r->front());
    CHECK(s.status == conversation_status::bot);
    CHECK_FALSE(s.assigned_agent);
    CHECK_FALSE(s.human_since);
    CHECK(s.opened_at == t0);
    CHECK(s.message_count == 0);
    CHECK(s.version == 1);
}

TEST_CASE("a conversation started open is human-handled at once, due in sla_minutes") {
    auto open = new_chat(false);
    open.sla_minutes = 30;
    open.lead.reset();
    const auto r =
        decide(open, std::nullopt,
               conversation_facts{.channel_exists = true, .channel_connected = true}, admin);
    REQUIRE(r);
    const auto& e = std::get<conversation_started>(r->front());
    CHECK(e.status == conversation_status::open);
    CHECK(e.sla_due_at == t0 + std::chrono::minutes{30});
    CHECK_FALSE(e.lead);
    const auto s = evolve(std::nullopt, r->front());
    CHECK(s.human_since == t0);
    CHECK(s.sla_due_at == t0 + std::chrono::minutes{30});
}

TEST_CASE("start refusals: viewer, id in use, unknown instance or lead, not connected") {
    CHECK(decide(new_chat(), std::nullopt, facts(), viewer).error() ==
          conversation_error::not_permitted);
    CHECK(decide(new_chat(), with_bot(), facts(), ana).error() ==
          conversation_error::already_exists);

    auto f = facts();
    f.channel_exists = false;
    f.channel_connected = false;
    CHECK(decide(new_chat(), std::nullopt, f, ana).error() ==
          conversation_error::unknown_channel_instance);

    f = facts();
    f.lead_exists = false;
    CHECK(decide(new_chat(), std::nullopt, f, ana).error() == conversation_error::unknown_lead);
    auto without_lead = new_chat();
    without_lead.lead.reset();
    CHECK(decide(without_lead, std::nullopt, f, ana).has_value());

    f = facts();
    f.channel_connected = false;
    CHECK(decide(new_chat(), std::nullopt, f, ana).error() ==
          conversation_error::channel_not_connected);
}

TEST_CASE("every command but start needs the conversation") {
    const std::vector<conversation_command> others{
        from_lead("m1"),
        hand_off_conversation{chat_1, handoff_strategy::round_robin, std::nullopt},
        mark_conversation_pending{chat_1},
        resolve_conversation{chat_1, std::nullopt},
        reopen_conversation{chat_1},
    };
    for (const auto& command : others) {
        CHECK(decide(command, std::nullopt, facts(), admin).error() ==
              conversation_error::not_found);
        CHECK(decide(command, with_bot(), facts(), viewer).error() ==
              conversation_error::not_permitted);
    }
}

TEST_CASE("conversation names and error slugs are stable") {
    for (const auto* name : {"bot", "open", "pending", "resolved"}) {
        const auto v = parse_conversation_status(name);
        REQUIRE(v);
        CHECK(to_string(*v) == name);
    }
    for (const auto* name : {"in", "out"}) {
        const auto v = parse_message_direction(name);
        REQUIRE(v);
        CHECK(to_string(*v) == name);
    }
    for (const auto* name : {"lead", "bot", "agent"}) {
        const auto v = parse_sender_type(name);
        REQUIRE(v);
        CHECK(to_string(*v) == name);
    }
    for (const auto* name : {"text", "image", "audio", "document", "template"}) {
        const auto v = parse_message_content_type(name);
        REQUIRE(v);
        CHECK(to_string(*v) == name);
    }
    for (const auto* name : {"round_robin", "least_busy", "manual"}) {
        const auto v = parse_handoff_strategy(name);
        REQUIRE(v);
        CHECK(to_string(*v) == name);
    }
    CHECK_FALSE(parse_message_content_type("template_message"));
    CHECK_FALSE(parse_handoff_strategy("skill_based"));

    using enum conversation_error;
    const std::pair<conversation_error, std::string_view> slugs[] = {
        {not_found, "conversation-not-found"},
        {already_exists, "conversation-already-exists"},
        {not_permitted, "not-permitted"},
        {conversation_resolved, "conversation-resolved"},
        {not_handed_off, "conversation-not-handed-off"},
        {no_agent_available, "no-agent-available"},
        {invalid_transition, "invalid-transition"},
        {nothing_to_change, "nothing-to-change"},
        {unknown_channel_instance, "unknown-channel-instance"},
        {unknown_lead, "unknown-lead"},
        {channel_not_connected, "channel-not-connected"},
        {sender_mismatch, "message-sender-mismatch"},
    };
    for (const auto& [error, slug] : slugs) {
        CHECK(to_string(error) == slug);
    }
}
