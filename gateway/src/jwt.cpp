#include "ventros/gateway/jwt.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <sodium.h>
#include <stdexcept>
#include <vector>

namespace ventros::gateway {
namespace {

using json = nlohmann::json;
constexpr int b64_variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) {
        throw std::runtime_error("libsodium initialisation failed");
    }
}

std::string base64url(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_encoded_len(size, b64_variant), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, b64_variant);
    out.resize(out.size() - 1); // drop the terminating NUL sodium writes
    return out;
}

std::string base64url(std::string_view text) {
    return base64url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::optional<std::string> unbase64url(std::string_view text) {
    std::string out(text.size() * 3 / 4 + 3, '\0');
    std::size_t size = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &size, &end, b64_variant) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

using mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

// The init/update/final API accepts keys of any length, as RFC 7518 allows.
mac hmac_sha256(std::string_view key, std::string_view message) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    mac out{};
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

std::optional<json> decode_object(std::string_view part) {
    auto text = unbase64url(part);
    if (!text) {
        return std::nullopt;
    }
    auto j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return std::nullopt;
    }
    return j;
}

std::optional<std::int64_t> numeric_date(const json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end()) {
        return std::nullopt;
    }
    if (it->is_number_integer()) {
        return it->get<std::int64_t>();
    }
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        return v > static_cast<std::uint64_t>(max) ? max : static_cast<std::int64_t>(v);
    }
    if (it->is_number_float()) {
        const double v = it->get<double>();
        if (!std::isfinite(v) || v > 9.0e18 || v < -9.0e18) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }
    return std::nullopt;
}

bool audience_matches(const json& aud, const std::string& expected) {
    if (aud.is_string()) {
        return aud.get_ref<const std::string&>() == expected;
    }
    if (aud.is_array()) {
        for (const auto& a : aud) {
            if (a.is_string() && a.get_ref<const std::string&>() == expected) {
                return true;
            }
        }
    }
    return false;
}

std::expected<principal, jwt_error> check_claims(const json& claims, const jwt_config& config,
                                                 std::int64_t now) {
    const auto leeway = config.leeway.count();
    if (!claims.contains("exp")) {
        return std::unexpected(jwt_error::missing_claim);
    }
    const auto exp = numeric_date(claims, "exp");
    if (!exp) {
        return std::unexpected(jwt_error::malformed);
    }
    // `exp` may be as large as int64 allows: move the leeway to `now`'s side, which is
    // small, so the comparison cannot overflow.
    if (now - leeway >= *exp) {
        return std::unexpected(jwt_error::expired);
    }
    if (claims.contains("nbf")) {
        const auto nbf = numeric_date(claims, "nbf");
        if (!nbf) {
            return std::unexpected(jwt_error::malformed);
        }
        if (now + leeway < *nbf) {
            return std::unexpected(jwt_error::not_yet_valid);
        }
    }
    const auto iss = claims.find("iss");
    if (iss == claims.end()) {
        return std::unexpected(jwt_error::missing_claim);
    }
    if (!iss->is_string() || iss->get_ref<const std::string&>() != config.issuer) {
        return std::unexpected(jwt_error::wrong_issuer);
    }
    const auto aud = claims.find("aud");
    if (aud == claims.end()) {
        return std::unexpected(jwt_error::missing_claim);
    }
    if (!audience_matches(*aud, config.audience)) {
        return std::unexpected(jwt_error::wrong_audience);
    }
    const auto sub = claims.find("sub");
    if (sub == claims.end() || !sub->is_string() || sub->get_ref<const std::string&>().empty()) {
        return std::unexpected(jwt_error::missing_claim);
    }

    principal who{sub->get<std::string>(), {}};
    if (const auto tenants = claims.find("tenants"); tenants != claims.end()) {
        if (!tenants->is_object()) {
            return std::unexpected(jwt_error::malformed);
        }
        for (const auto& [tenant, role_text] : tenants->items()) {
            if (!role_text.is_string()) {
                return std::unexpected(jwt_error::malformed);
            }
            const auto r = domain::parse_role(role_text.get_ref<const std::string&>());
            if (!r || tenant.empty()) {
                return std::unexpected(jwt_error::malformed);
            }
            who.tenants.emplace(tenant, *r);
        }
    }
    return who;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace

std::string_view to_string(jwt_error e) noexcept {
    switch (e) {
    case jwt_error::malformed:
        return "malformed";
    case jwt_error::unsupported_algorithm:
        return "unsupported_algorithm";
    case jwt_error::bad_signature:
        return "bad_signature";
    case jwt_error::expired:
        return "expired";
    case jwt_error::not_yet_valid:
        return "not_yet_valid";
    case jwt_error::wrong_issuer:
        return "wrong_issuer";
    case jwt_error::wrong_audience:
        return "wrong_audience";
    case jwt_error::missing_claim:
        return "missing_claim";
    }
    return "malformed";
}

std::expected<principal, jwt_error> verify_jwt(std::string_view token, const jwt_config& config,
                                               std::chrono::system_clock::time_point now) {
    try {
        ensure_sodium();
    } catch (const std::runtime_error&) {
        return std::unexpected(jwt_error::malformed);
    }
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos ||
        dot1 == 0 || dot2 == dot1 + 1 || dot2 + 1 == token.size()) {
        return std::unexpected(jwt_error::malformed);
    }
    const auto header_part = token.substr(0, dot1);
    const auto payload_part = token.substr(dot1 + 1, dot2 - dot1 - 1);
    const auto signature_part = token.substr(dot2 + 1);

    // The algorithm is pinned before anything else is trusted: a token never picks
    // how it is verified.
    const auto header = decode_object(header_part);
    if (!header) {
        return std::unexpected(jwt_error::malformed);
    }
    const auto alg = header->find("alg");
    if (alg == header->end() || !alg->is_string() ||
        alg->get_ref<const std::string&>() != "HS256") {
        return std::unexpected(jwt_error::unsupported_algorithm);
    }
    if (header->contains("crit")) {
        return std::unexpected(jwt_error::malformed); // no extensions understood (RFC 7515 §4.1.11)
    }

    const auto signature = unbase64url(signature_part);
    if (!signature) {
        return std::unexpected(jwt_error::malformed);
    }
    const auto expected_mac = hmac_sha256(config.secret, token.substr(0, dot2));
    if (signature->size() != expected_mac.size() ||
        sodium_memcmp(signature->data(), expected_mac.data(), expected_mac.size()) != 0) {
        return std::unexpected(jwt_error::bad_signature);
    }

    const auto claims = decode_object(payload_part);
    if (!claims) {
        return std::unexpected(jwt_error::malformed);
    }
    return check_claims(*claims, config, unix_seconds(now));
}

std::string sign_jwt(const principal& who, const jwt_config& config,
                     std::chrono::system_clock::time_point now, std::chrono::seconds ttl) {
    ensure_sodium();
    json tenants = json::object();
    for (const auto& [tenant, r] : who.tenants) {
        tenants[tenant] = std::string(domain::to_string(r));
    }
    const auto iat = unix_seconds(now);
    const json claims{{"sub", who.user_id},      {"tenants", tenants}, {"iss", config.issuer},
                      {"aud", config.audience},  {"iat", iat},         {"nbf", iat},
                      {"exp", iat + ttl.count()}};
    std::string signing_input =
        base64url(R"({"alg":"HS256","typ":"JWT"})") + '.' + base64url(claims.dump());
    const auto sig = hmac_sha256(config.secret, signing_input);
    return signing_input + '.' + base64url(sig.data(), sig.size());
}

} // namespace ventros::gateway
