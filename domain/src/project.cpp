#include "ventros/domain/project.hpp"

#include "ventros/domain/overloaded.hpp"

#include <algorithm>

namespace ventros::domain {

bool is_valid_tenant_slug(std::string_view slug) noexcept {
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    return slug.size() >= 3 && slug.size() <= 63 && alnum(slug.front()) && alnum(slug.back()) &&
           std::ranges::all_of(slug, [&](char c) { return alnum(c) || c == '-'; });
}

std::string_view to_string(product p) noexcept {
    switch (p) {
    case product::crm:
        return "crm";
    case product::bi:
        return "bi";
    case product::automation:
        return "automation";
    }
    return "unknown";
}

std::optional<product> parse_product(std::string_view text) noexcept {
    for (const auto p : {product::crm, product::bi, product::automation}) {
        if (to_string(p) == text) {
            return p;
        }
    }
    return std::nullopt;
}

const tenant_id& subject_of(const project_event& e) noexcept {
    return std::visit([](const auto& event) -> const tenant_id& { return event.id; }, e);
}

const tenant_id& subject_of(const project_command& c) noexcept {
    return std::visit([](const auto& command) -> const tenant_id& { return command.id; }, c);
}

project_state evolve(const std::optional<project_state>& state, const project_event& event) {
    auto next = state.value_or(project_state{});
    std::visit(overloaded{
                   [&](const project_created& e) {
                       next = project_state{.id = e.id,
                                            .name = e.name,
                                            .description = e.description,
                                            .billing_account = e.billing_account,
                                            .owner = e.owner,
                                            .session_timeout_minutes = e.session_timeout_minutes};
                       next.products[product::crm].enabled = true;
                   },
                   [&](const project_member_set& e) { next.members[e.user] = e.member_role; },
                   [&](const project_member_removed& e) { next.members.erase(e.user); },
                   [&](const project_product_set& e) { next.products[e.which] = e.setting; },
                   [&](const project_settings_updated& e) {
                       if (e.name) {
                           next.name = *e.name;
                       }
                       if (e.description) {
                           next.description = *e.description;
                       }
                       if (e.session_timeout_minutes) {
                           next.session_timeout_minutes = *e.session_timeout_minutes;
                       }
                       if (e.branding) {
                           next.branding = *e.branding;
                       }
                   },
               },
               event);
    next.version = state ? state->version + 1 : 1;
    return next;
}

std::string_view to_string(project_error e) noexcept {
    switch (e) {
    case project_error::not_found:
        return "tenant-not-found";
    case project_error::already_exists:
        return "tenant-id-taken";
    case project_error::not_permitted:
        return "project-not-permitted";
    case project_error::member_not_found:
        return "member-not-found";
    case project_error::last_admin:
        return "last-admin";
    case project_error::nothing_to_change:
        return "project-nothing-to-change";
    }
    return "unknown";
}

namespace {

using refusal = std::unexpected<project_error>;

std::size_t admin_count(const project_state& s) {
    return static_cast<std::size_t>(
        std::ranges::count(s.members, role::admin, [](const auto& m) { return m.second; }));
}

/// True when the settings command changes something the project has.
bool changes_settings(const update_project_settings& c, const project_state& s) {
    return (c.name && *c.name != s.name) || (c.description && *c.description != s.description) ||
           (c.session_timeout_minutes && *c.session_timeout_minutes != s.session_timeout_minutes) ||
           (c.branding && *c.branding != s.branding);
}

project_decision decide_change(const project_command& command, const project_state& s) {
    return std::visit(
        overloaded{
            [&](const create_project&) -> project_decision {
                return refusal(project_error::already_exists);
            },
            [&](const set_project_member& c) -> project_decision {
                const auto found = s.members.find(c.user);
                std::optional<role> previous;
                if (found != s.members.end()) {
                    if (found->second == c.member_role) {
                        return refusal(project_error::nothing_to_change);
                    }
                    if (found->second == role::admin && admin_count(s) == 1) {
                        return refusal(project_error::last_admin);
                    }
                    previous = found->second;
                }
                return std::vector<project_event>{
                    project_member_set{c.id, c.user, c.member_role, previous}};
            },
            [&](const remove_project_member& c) -> project_decision {
                const auto found = s.members.find(c.user);
                if (found == s.members.end()) {
                    return refusal(project_error::member_not_found);
                }
                if (found->second == role::admin && admin_count(s) == 1) {
                    return refusal(project_error::last_admin);
                }
                return std::vector<project_event>{project_member_removed{c.id, c.user}};
            },
            [&](const set_project_product& c) -> project_decision {
                const auto found = s.products.find(c.which);
                if (found != s.products.end() && found->second == c.setting) {
                    return refusal(project_error::nothing_to_change);
                }
                return std::vector<project_event>{project_product_set{c.id, c.which, c.setting}};
            },
            [&](const update_project_settings& c) -> project_decision {
                if (!changes_settings(c, s)) {
                    return refusal(project_error::nothing_to_change);
                }
                return std::vector<project_event>{project_settings_updated{
                    c.id, c.name, c.description, c.session_timeout_minutes, c.branding}};
            },
        },
        command);
}

} // namespace

project_decision decide(const project_command& command, const std::optional<project_state>& state,
                        const command_context& context) {
    if (const auto* create = std::get_if<create_project>(&command); create && !state) {
        return std::vector<project_event>{
            project_created{create->id, create->name, create->description, create->billing_account,
                            context.actor},
            project_member_set{create->id, context.actor, role::admin, std::nullopt}};
    }
    if (!state) {
        return refusal(project_error::not_found);
    }
    if (!std::holds_alternative<create_project>(command) && context.actor_role != role::admin) {
        return refusal(project_error::not_permitted);
    }
    return decide_change(command, *state);
}

} // namespace ventros::domain
