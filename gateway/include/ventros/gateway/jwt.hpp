#pragma once

#include "ventros/domain/roles.hpp"

#include <chrono>
#include <expected>
#include <map>
#include <string>
#include <string_view>

namespace ventros::gateway {

struct jwt_config {
    std::string secret;
    std::string issuer = "ventros";
    std::string audience = "ventros-api";
    /// Clock skew tolerated on `exp` and `nbf`.
    std::chrono::seconds leeway{30};
};

/// Who is calling: the JWT's `sub` and its `tenants` claim ({tenant_id: role}).
struct principal {
    std::string user_id;
    std::map<std::string, domain::role> tenants;
};

enum class jwt_error {
    malformed,
    unsupported_algorithm,
    bad_signature,
    expired,
    not_yet_valid,
    wrong_issuer,
    wrong_audience,
    missing_claim
};

std::string_view to_string(jwt_error e) noexcept;

/// Verifies a compact JWS: header `alg` must be exactly "HS256" (anything else, "none"
/// included, is unsupported_algorithm), the HMAC-SHA256 signature is compared in
/// constant time, then `exp` (required), `nbf`, `iss`, `aud` (string or array) and `sub`
/// are checked. Unknown roles in `tenants` make the token malformed (fail closed).
/// Thread-safe; never throws except std::bad_alloc.
std::expected<principal, jwt_error> verify_jwt(std::string_view token, const jwt_config& config,
                                               std::chrono::system_clock::time_point now);

/// Mints an HS256 token with claims sub, tenants, iss, aud, iat, nbf and exp = now + ttl.
/// Thread-safe. Throws std::runtime_error if libsodium cannot initialise.
std::string sign_jwt(const principal& who, const jwt_config& config,
                     std::chrono::system_clock::time_point now, std::chrono::seconds ttl);

} // namespace ventros::gateway
