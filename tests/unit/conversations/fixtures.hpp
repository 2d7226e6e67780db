#pragma once

#include "ventros/domain/channel_instance.hpp"
#include "ventros/domain/conversation.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace ventros::domain::testing {

inline const timestamp t0{std::chrono::milliseconds{1'790'000'000'000}};

inline command_context as(role r, std::string user, timestamp now = t0) {
    return command_context{.tenant = tenant_id{"acme"},
                           .actor = user_id{std::move(user)},
                           .actor_role = r,
                           .now = now};
}

inline const command_context admin = as(role::admin, "u-admin");
inline const command_context manager = as(role::manager, "u-manager");
inline const command_context ana = as(role::agent, "u-ana");
inline const command_context bruno = as(role::agent, "u-bruno");
inline const command_context viewer = as(role::viewer, "u-viewer");

/// The same context, `seconds` later.
inline command_context later(command_context c, int seconds) {
    c.now += std::chrono::seconds{seconds};
    return c;
}

inline const channel_instance_id whatsapp_1{"0190a5c4-7b1e-7c3d-8e2f-00000000a001"};
inline const conversation_id chat_1{"0190a5c4-7b1e-7c3d-8e2f-00000000b001"};
inline const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};
inline const user_id u_ana{"u-ana"};
inline const user_id u_bruno{"u-bruno"};
inline const user_id u_carla{"u-carla"};

/// A connected instance, an existing lead, and Ana, Bruno and Carla active with loads 2,
/// 0 and 0.
inline conversation_facts facts() {
    return conversation_facts{
        .channel_exists = true,
        .channel_connected = true,
        .lead_exists = true,
        .agents = {{u_ana, 2}, {u_bruno, 0}, {u_carla, 0}},
        .round_robin_cursor = 0,
    };
}

inline start_conversation new_chat(bool with_bot = true) {
    return start_conversation{.id = chat_1,
                              .channel_instance = whatsapp_1,
                              .lead = lead_1,
                              .party_name = "Maria Silva",
                              .party_address = "+5511987654321",
                              .start_with_bot = with_bot,
                              .sla_minutes = 15};
}

/// Runs commands through decide and evolve like the writer; each must be accepted.
inline std::optional<conversation_state>
run(std::optional<conversation_state> state,
    const std::vector<std::pair<conversation_command, command_context>>& commands,
    const conversation_facts& f = facts()) {
    for (const auto& [command, context] : commands) {
        const auto r = decide(command, state, f, context);
        REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()));
        for (const auto& e : *r) {
            state = evolve(state, e);
        }
    }
    return state;
}

inline record_message from_lead(std::string id, std::string text = "Oi") {
    return record_message{.id = chat_1,
                          .message = message_id{std::move(id)},
                          .direction = message_direction::in,
                          .sender = sender_type::lead,
                          .content = std::move(text)};
}

inline record_message by_agent(std::string id, std::string text = "Olá, posso ajudar?") {
    return record_message{.id = chat_1,
                          .message = message_id{std::move(id)},
                          .direction = message_direction::out,
                          .sender = sender_type::agent,
                          .content = std::move(text)};
}

inline record_message by_bot(std::string id, std::string text = "Qual o seu orçamento?") {
    return record_message{.id = chat_1,
                          .message = message_id{std::move(id)},
                          .direction = message_direction::out,
                          .sender = sender_type::bot,
                          .content = std::move(text)};
}

/// A conversation the bot has, started at t0.
inline conversation_state with_bot() {
    return *run(std::nullopt, {{new_chat(), ana}});
}

/// A conversation handed off manually to Ana 60 s after it started.
inline conversation_state with_ana() {
    return *run(with_bot(), {{hand_off_conversation{chat_1, handoff_strategy::manual, u_ana},
                              later(admin, 60)}});
}

} // namespace ventros::domain::testing
