#pragma once

#include "ventros/domain/roles.hpp"
#include "ventros/gateway/http_types.hpp"
#include "ventros/gateway/jwt.hpp"
#include "ventros/gateway/problem.hpp"

#include <chrono>
#include <expected>
#include <optional>
#include <string_view>

namespace ventros::gateway {

/// The caller behind `Authorization: Bearer <jwt>`. Missing or invalid credentials give a
/// 401 "unauthorized" problem with `WWW-Authenticate: Bearer`; its detail is a short
/// reason ("token expired", "invalid token"), never which check failed. Thread-safe.
std::expected<principal, problem> authenticate(const request& req, const jwt_config& config,
                                               std::chrono::system_clock::time_point now);

/// The caller's role in `tenant_id`, or a 403 "forbidden" problem when the token does not
/// grant that tenant.
std::expected<domain::role, problem> authorize_tenant(const principal& who,
                                                      std::string_view tenant_id);

/// A 403 "forbidden" problem when `r` may not change CRM data (viewer), else nothing.
std::optional<problem> require_writer(domain::role r);

} // namespace ventros::gateway
