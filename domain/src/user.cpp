#include "ventros/domain/user.hpp"

#include "ventros/domain/overloaded.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::domain {

std::optional<std::string> normalize_email(std::string_view email) {
    const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!email.empty() && is_space(email.front())) {
        email.remove_prefix(1);
    }
    while (!email.empty() && is_space(email.back())) {
        email.remove_suffix(1);
    }
    const auto at = email.find('@');
    if (email.size() > 254 || at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto host = email.substr(at + 1);
    const auto dot = host.find('.');
    if (dot == std::string_view::npos || dot == 0 || host.back() == '.' ||
        host.find("..") != std::string_view::npos) {
        return std::nullopt;
    }
    if (std::ranges::any_of(email, [&](unsigned char c) { return is_space(c) || c < 0x20; })) {
        return std::nullopt;
    }
    std::string normalized(email);
    std::ranges::transform(normalized, normalized.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return normalized;
}

std::string user_key(std::string_view normalized_email) {
    return "user:" + std::string(normalized_email);
}

bool strong_enough(std::string_view password) noexcept {
    // Count code points: every byte that does not continue a UTF-8 sequence.
    const auto points =
        std::ranges::count_if(password, [](unsigned char c) { return (c & 0xC0) != 0x80; });
    return static_cast<std::size_t>(points) >= min_password_length;
}

const user_id& subject_of(const user_event& e) noexcept {
    return std::visit([](const auto& event) -> const user_id& { return event.id; }, e);
}

const user_id& subject_of(const user_command& c) noexcept {
    return std::visit([](const auto& command) -> const user_id& { return command.id; }, c);
}

user_state evolve(const std::optional<user_state>& state, const user_event& event) {
    return std::visit(overloaded{[&](const user_registered& e) {
                          return user_state{e.id, e.name, e.email, e.password_hash,
                                            state ? state->version + 1 : 1};
                      }},
                      event);
}

std::string_view to_string(user_error e) noexcept {
    switch (e) {
    case user_error::email_taken:
        return "email-taken";
    }
    return "unknown";
}

user_decision decide(const user_command& command, const std::optional<user_state>& holder) {
    return std::visit(
        overloaded{[&](const register_user& c) -> user_decision {
            if (holder) {
                return std::unexpected(user_error::email_taken);
            }
            return std::vector<user_event>{user_registered{c.id, c.name, c.email, c.password_hash}};
        }},
        command);
}

} // namespace ventros::domain
