// Picking the agent of a handoff, and the per-tenant numbers the picker reads (the
// round-robin cursor and the agents' loads), which the writer keeps from the events.
#include "ventros/domain/conversation.hpp"

#include <algorithm>

namespace ventros::domain {

std::optional<user_id> pick_agent(handoff_strategy strategy, std::span<const agent_load> agents,
                                  std::size_t round_robin_cursor) {
    if (agents.empty()) {
        return std::nullopt;
    }
    switch (strategy) {
    case handoff_strategy::round_robin:
        return agents[round_robin_cursor % agents.size()].agent;
    case handoff_strategy::least_busy:
        // min_element keeps the first of equal loads: ties go to the earlier agent.
        return std::ranges::min_element(agents, {}, &agent_load::open_conversations)->agent;
    case handoff_strategy::manual:
        return std::nullopt;
    }
    return std::nullopt;
}

bool advances_round_robin(const conversation_event& event) noexcept {
    const auto* handoff = std::get_if<conversation_handed_off>(&event);
    return handoff != nullptr && handoff->strategy == handoff_strategy::round_robin;
}

std::optional<agent_load_change> load_change_of(const std::optional<conversation_state>& before,
                                                const conversation_event& event) {
    if (const auto* handoff = std::get_if<conversation_handed_off>(&event)) {
        return agent_load_change{.agent = handoff->agent, .delta = +1};
    }
    if (!before || !before->assigned_agent) {
        return std::nullopt;
    }
    if (std::holds_alternative<conversation_resolved>(event)) {
        return agent_load_change{.agent = *before->assigned_agent, .delta = -1};
    }
    if (std::holds_alternative<conversation_reopened>(event)) {
        return agent_load_change{.agent = *before->assigned_agent, .delta = +1};
    }
    return std::nullopt;
}

} // namespace ventros::domain
