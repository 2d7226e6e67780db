#include "ventros/domain/roles.hpp"

#include "enum_names.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<role, 4> role_names{{
    {role::admin, "admin"},
    {role::manager, "manager"},
    {role::agent, "agent"},
    {role::viewer, "viewer"},
}};

} // namespace

std::string_view to_string(role r) noexcept {
    return detail::name_of(role_names, r);
}

std::optional<role> parse_role(std::string_view text) noexcept {
    return detail::value_of(role_names, text);
}

bool can_write_crm(role r) noexcept {
    return r != role::viewer;
}

bool can_change_record(role r, bool own) noexcept {
    switch (r) {
    case role::admin:
    case role::manager:
        return true;
    case role::agent:
        return own;
    case role::viewer:
        return false;
    }
    return false;
}

} // namespace ventros::domain
