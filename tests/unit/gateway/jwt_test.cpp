// Pins JWT verification: HS256 only, signature, time and audience checks, no crash on junk.
#include "ventros/gateway/jwt.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <string>

using namespace ventros::gateway;
using ventros::domain::role;
using json = nlohmann::json;
using std::chrono::seconds;

namespace {

const auto now = std::chrono::system_clock::time_point{seconds{1'750'000'000}};
const std::int64_t now_s = 1'750'000'000;

jwt_config config() {
    return jwt_config{"test-secret-of-some-length", "ventros", "ventros-api", seconds{30}};
}

std::string b64(std::string_view text) {
    std::string out(
        sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.size() - 1);
    return out;
}

std::string hs256(std::string_view key, std::string_view input) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(input.data()),
                                  input.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

json good_claims() {
    return json{{"sub", "user-1"},    {"tenants", {{"t1", "manager"}, {"t2", "viewer"}}},
                {"iss", "ventros"},   {"aud", "ventros-api"},
                {"iat", now_s - 10},  {"nbf", now_s - 10},
                {"exp", now_s + 3600}};
}

/// A token with any header and claims, signed with HS256 over exactly those bytes.
std::string forge(const json& header, const json& claims, std::string_view key = config().secret) {
    const auto input = b64(header.dump()) + "." + b64(claims.dump());
    return input + "." + b64(hs256(key, input));
}

std::string forge(const json& claims) {
    return forge(json{{"alg", "HS256"}, {"typ", "JWT"}}, claims);
}

jwt_error error_of(const std::string& token) {
    const auto r = verify_jwt(token, config(), now);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

} // namespace

TEST_CASE("a valid HS256 token yields the user and the role per tenant") {
    const auto r = verify_jwt(forge(good_claims()), config(), now);
    REQUIRE(r.has_value());
    CHECK(r->user_id == "user-1");
    CHECK(r->tenants.size() == 2);
    CHECK(r->tenants.at("t1") == role::manager);
    CHECK(r->tenants.at("t2") == role::viewer);
}

TEST_CASE("sign_jwt round-trips through verify_jwt") {
    principal who{"u9", {{"tenant-a", role::admin}}};
    const auto token = sign_jwt(who, config(), now, seconds{60});
    const auto r = verify_jwt(token, config(), now + seconds{59});
    REQUIRE(r.has_value());
    CHECK(r->user_id == "u9");
    CHECK(r->tenants.at("tenant-a") == role::admin);
    const auto late = verify_jwt(token, config(), now + seconds{60 + 31});
    REQUIRE_FALSE(late);
    CHECK(late.error() == jwt_error::expired);
}

TEST_CASE("alg none is rejected even without a signature") {
    const auto input = b64(R"({"alg":"none","typ":"JWT"})") + "." + b64(good_claims().dump());
    CHECK(error_of(input + ".") == jwt_error::malformed);
    CHECK(error_of(input + ".AAAA") == jwt_error::unsupported_algorithm);
}

TEST_CASE("HS512, RS256, a lowercase alg and a missing alg are unsupported") {
    for (const auto* alg : {"HS512", "RS256", "hs256", "ES256"}) {
        CAPTURE(alg);
        CHECK(error_of(forge(json{{"alg", alg}}, good_claims())) ==
              jwt_error::unsupported_algorithm);
    }
    CHECK(error_of(forge(json{{"typ", "JWT"}}, good_claims())) == jwt_error::unsupported_algorithm);
    CHECK(error_of(forge(json{{"alg", 256}}, good_claims())) == jwt_error::unsupported_algorithm);
}

TEST_CASE("a token signed with another key has a bad signature") {
    CHECK(error_of(forge(json{{"alg", "HS256"}}, good_claims(), "other-key")) ==
          jwt_error::bad_signature);
}

TEST_CASE("a tampered payload has a bad signature") {
    const auto token = forge(good_claims());
    auto claims = good_claims();
    claims["tenants"]["t2"] = "admin";
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    const auto tampered = token.substr(0, dot1 + 1) + b64(claims.dump()) + token.substr(dot2);
    CHECK(error_of(tampered) == jwt_error::bad_signature);
}

TEST_CASE("exp in the past beyond the leeway is expired; within the leeway it passes") {
    auto claims = good_claims();
    claims["exp"] = now_s - 31;
    CHECK(error_of(forge(claims)) == jwt_error::expired);
    claims["exp"] = now_s - 29;
    CHECK(verify_jwt(forge(claims), config(), now).has_value());
}

TEST_CASE("nbf in the future beyond the leeway is not yet valid") {
    auto claims = good_claims();
    claims["nbf"] = now_s + 120;
    CHECK(error_of(forge(claims)) == jwt_error::not_yet_valid);
    claims["nbf"] = now_s + 20;
    CHECK(verify_jwt(forge(claims), config(), now).has_value());
}

TEST_CASE("another issuer or audience is rejected; an audience array containing ours passes") {
    auto claims = good_claims();
    claims["iss"] = "someone-else";
    CHECK(error_of(forge(claims)) == jwt_error::wrong_issuer);

    claims = good_claims();
    claims["aud"] = "other-api";
    CHECK(error_of(forge(claims)) == jwt_error::wrong_audience);

    claims["aud"] = json::array({"other-api", "ventros-api"});
    CHECK(verify_jwt(forge(claims), config(), now).has_value());

    claims["aud"] = json::array({"other-api"});
    CHECK(error_of(forge(claims)) == jwt_error::wrong_audience);
}

TEST_CASE("missing exp, iss, aud or sub is a missing claim") {
    for (const auto* name : {"exp", "iss", "aud", "sub"}) {
        CAPTURE(name);
        auto claims = good_claims();
        claims.erase(name);
        CHECK(error_of(forge(claims)) == jwt_error::missing_claim);
    }
}

TEST_CASE("an unknown role or a non-numeric exp makes the token malformed") {
    auto claims = good_claims();
    claims["tenants"]["t3"] = "owner";
    CHECK(error_of(forge(claims)) == jwt_error::malformed);
    claims = good_claims();
    claims["exp"] = "tomorrow";
    CHECK(error_of(forge(claims)) == jwt_error::malformed);
}

TEST_CASE("broken base64, broken JSON and wrong part counts are malformed") {
    const auto token = forge(good_claims());
    const auto dot1 = token.find('.');
    const auto rest = token.substr(dot1);
    CHECK(error_of("!!!" + rest) == jwt_error::malformed);
    CHECK(error_of(b64("{not json") + rest) == jwt_error::malformed);
    CHECK(error_of(b64("[1,2]") + rest) == jwt_error::malformed);
    CHECK(error_of(token + ".extra") == jwt_error::malformed);
    CHECK(error_of("") == jwt_error::malformed);
    CHECK(error_of("..") == jwt_error::malformed);
    CHECK(error_of(token + "=") == jwt_error::malformed);

    // A body that is not JSON, correctly signed, is still malformed.
    const auto input = b64(R"({"alg":"HS256"})") + "." + b64("not json");
    CHECK(error_of(input + "." + b64(hs256(config().secret, input))) == jwt_error::malformed);
}

TEST_CASE("every proper prefix of a valid token is rejected without crashing") {
    const auto token = forge(good_claims());
    for (std::size_t n = 0; n < token.size(); ++n) {
        CAPTURE(n);
        CHECK_FALSE(verify_jwt(std::string_view(token).substr(0, n), config(), now).has_value());
    }
    CHECK(verify_jwt(token, config(), now).has_value());
}
