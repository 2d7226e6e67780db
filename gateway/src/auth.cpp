#include "ventros/gateway/auth.hpp"

#include <cctype>
#include <string>

namespace ventros::gateway {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::string reason(jwt_error e) {
    switch (e) {
    case jwt_error::expired:
        return "token expired";
    case jwt_error::not_yet_valid:
        return "token not yet valid";
    default:
        return "invalid token";
    }
}

} // namespace

std::expected<principal, problem> authenticate(const request& req, const jwt_config& config,
                                               std::chrono::system_clock::time_point now) {
    const auto it = req.find(http::field::authorization);
    if (it == req.end()) {
        return std::unexpected(problems::unauthorized("missing bearer token", ""));
    }
    std::string_view value = it->value();
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size() || !iequals(value.substr(0, scheme.size()), scheme)) {
        return std::unexpected(problems::unauthorized("missing bearer token", ""));
    }
    auto token = value.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') {
        token.remove_prefix(1);
    }
    auto who = verify_jwt(token, config, now);
    if (!who) {
        return std::unexpected(problems::unauthorized(reason(who.error())));
    }
    return std::move(*who);
}

std::expected<domain::role, problem> authorize_tenant(const principal& who,
                                                      std::string_view tenant_id) {
    const auto it = who.tenants.find(std::string(tenant_id));
    if (it == who.tenants.end()) {
        return std::unexpected(problems::forbidden("the token does not grant this tenant"));
    }
    return it->second;
}

std::optional<problem> require_writer(domain::role r) {
    if (!domain::can_write_crm(r)) {
        return problems::forbidden("the role " + std::string(domain::to_string(r)) +
                                   " may not change data");
    }
    return std::nullopt;
}

} // namespace ventros::gateway
