#pragma once

#include "ventros/domain/lead.hpp"

#include <doctest/doctest.h>
#include <string>

namespace ventros::domain::testing {

inline command_context as(role r, std::string user = "u-admin") {
    return command_context{.tenant = tenant_id{"acme"},
                           .actor = user_id{std::move(user)},
                           .actor_role = r,
                           .now = timestamp{std::chrono::milliseconds{1'790'000'000'000}}};
}

inline const command_context admin = as(role::admin, "u-admin");
inline const command_context manager = as(role::manager, "u-manager");
inline const command_context agent_ana = as(role::agent, "u-ana");
inline const command_context agent_bruno = as(role::agent, "u-bruno");
inline const command_context viewer = as(role::viewer, "u-viewer");

inline const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};

inline lead_created created_by(std::string user) {
    return lead_created{.id = lead_1,
                        .name = "Maria Silva",
                        .source = lead_source::whatsapp,
                        .created_by = user_id{std::move(user)}};
}

/// A lead created by the admin, with the events that follow applied.
inline std::optional<lead_state> lead_after(std::vector<lead_event> events) {
    events.insert(events.begin(), created_by("u-admin"));
    return fold(events);
}

inline lead_scored scored(int score) {
    return lead_scored{.id = lead_1,
                       .score = score,
                       .stage = score >= 70 ? lead_stage::qualified : lead_stage::unqualified};
}

inline const bant_answers qualifying_answers{.budget = budget_answer::from_1000_to_5000,
                                             .authority = authority_answer::decision_maker,
                                             .need = std::nullopt,
                                             .timeline = timeline_answer::immediately};

} // namespace ventros::domain::testing

// Failure messages show slugs and stage names instead of numbers.
template <>
struct doctest::StringMaker<ventros::domain::lead_error> {
    static doctest::String convert(ventros::domain::lead_error e) {
        return std::string(ventros::domain::to_string(e)).c_str();
    }
};

template <>
struct doctest::StringMaker<ventros::domain::lead_stage> {
    static doctest::String convert(ventros::domain::lead_stage s) {
        return std::string(ventros::domain::to_string(s)).c_str();
    }
};
