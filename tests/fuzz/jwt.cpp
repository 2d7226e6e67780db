// Fuzzes verify_jwt. The first byte picks how the rest is used:
//  even: the rest is a whole token, as a client would send it;
//  odd:  the rest is the claims JSON, signed with the right key under a fixed HS256
//        header, so the fuzzer gets past the signature into the claim checks.
// Invariants: never throws; accepts only tokens whose signature is the HMAC-SHA256 of
// their first two parts under the configured key; an accepted token's claims are what
// the checks promise (iss, aud, sub, exp); the same token under another key is refused.
#include "ventros/gateway/jwt.hpp"

#include "fuzz_check.hpp"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <string>

namespace {

using ventros::fuzzing::require;
using namespace ventros::gateway;
using json = nlohmann::json;

constexpr int b64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string base64url(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), b64), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), b64);
    out.resize(out.size() - 1);
    return out;
}

std::optional<std::string> unbase64url(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t size = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &size, &end, b64) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

/// The signature our key gives `signing_input`, base64url without padding.
std::string signature_for(std::string_view key, std::string_view signing_input) {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(
        &state, reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    return base64url(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

const jwt_config config{"fuzz-secret-0123456789abcdef0123456789abcdef", "ventros", "ventros-api",
                        std::chrono::seconds(30)};
const jwt_config other_key{"another-secret-0123456789abcdef0123456789ab", "ventros", "ventros-api",
                           std::chrono::seconds(30)};
// A fixed clock: 2026-01-01T00:00:00Z.
const std::chrono::system_clock::time_point now{std::chrono::seconds(1767225600)};

void check_accepted(std::string_view token, const principal& who) {
    const auto dot2 = token.rfind('.');
    const auto dot1 = token.find('.');
    require(dot1 != std::string_view::npos && dot2 != dot1, "an accepted token has three parts");
    require(token.substr(dot2 + 1) == signature_for(config.secret, token.substr(0, dot2)),
            "an accepted token is signed with the key", token);
    const auto claims_text = unbase64url(token.substr(dot1 + 1, dot2 - dot1 - 1));
    require(claims_text.has_value(), "an accepted token's claims are base64url", token);
    const auto claims = json::parse(*claims_text, nullptr, false);
    require(claims.is_object(), "an accepted token's claims are a JSON object", *claims_text);
    require(claims.value("iss", json()) == config.issuer, "accepted iss is the issuer",
            *claims_text);
    require(claims.value("sub", json()) == who.user_id && !who.user_id.empty(),
            "accepted sub is the principal", *claims_text);
    const auto& exp = claims.at("exp");
    require(exp.is_number(), "accepted exp is a number", *claims_text);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
    require(exp.get<double>() + 30.0 > static_cast<double>(seconds.count()),
            "an accepted token has not expired", *claims_text);
    require(!verify_jwt(token, other_key, now).has_value(), "another key refuses the token", token);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string token;
    if (data[0] % 2 == 0) {
        token = rest;
    } else {
        const std::string signing_input =
            base64url(R"({"alg":"HS256","typ":"JWT"})") + '.' + base64url(rest);
        token = signing_input + '.' + signature_for(config.secret, signing_input);
    }
    std::optional<std::expected<principal, jwt_error>> verdict;
    try {
        verdict = verify_jwt(token, config, now);
    } catch (...) {
        require(false, "verify_jwt never throws", token);
    }
    if (verdict->has_value()) {
        check_accepted(token, **verdict);
    }
    return 0;
}
