// Pins the payment-event signature check: genuine deliveries pass; forged, tampered,
// stale, future-dated and malformed ones fail with their own error; rotated secrets work.
#include "ventros/gateway/payment_signature.hpp"

#include <cctype>
#include <doctest/doctest.h>
#include <vector>

using namespace ventros::gateway;
using namespace std::chrono_literals;

namespace {

const std::string secret = "whsec_test_3f9a1c";
const std::string old_secret = "whsec_old_77b2e0";
const std::string body =
    R"({"id":"evt_1","type":"invoice.payment_succeeded","created":1790000000,"data":{}})";
constexpr std::int64_t sent_at = 1'790'000'000;
const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{sent_at}};

/// The v1 part of a signed header.
std::string v1_of(const std::string& header) {
    return header.substr(header.find("v1="));
}

std::expected<void, signature_error> verify(const std::string& header,
                                            std::chrono::system_clock::time_point at = now) {
    return verify_payment_signature(header, body, secret, at);
}

} // namespace

TEST_CASE("a genuine delivery passes; the header is t then one lower-case hex v1") {
    const auto header = sign_payment_event(body, secret, sent_at);
    CHECK(header.starts_with("t=1790000000,v1="));
    CHECK(header.size() == std::string("t=1790000000,v1=").size() + 64);
    CHECK(verify(header).has_value());
    CHECK(verify(header, now + 299s).has_value());
    CHECK(verify(" t=1790000000 , " + v1_of(header) + " ").has_value());

    std::string upper = header;
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    upper[0] = 't';
    upper.replace(upper.find("V1="), 3, "v1=");
    CHECK(verify(upper).has_value());
}

TEST_CASE("a tampered body, another timestamp or another secret does not match") {
    const auto header = sign_payment_event(body, secret, sent_at);
    CHECK(verify_payment_signature(header, body + " ", secret, now).error() ==
          signature_error::no_matching_signature);
    CHECK(verify_payment_signature(header, body, "whsec_wrong", now).error() ==
          signature_error::no_matching_signature);
    CHECK(verify_payment_signature(header, body, "", now).error() ==
          signature_error::no_matching_signature);
    CHECK(verify("t=1790000001," + v1_of(header)).error() ==
          signature_error::no_matching_signature);
    auto flipped = header;
    flipped.back() = flipped.back() == '0' ? '1' : '0';
    CHECK(verify(flipped).error() == signature_error::no_matching_signature);
    // Signed with an empty secret: must not pass a verifier configured without one.
    CHECK(verify_payment_signature(sign_payment_event(body, "", sent_at), body, "", now).error() ==
          signature_error::no_matching_signature);
}

TEST_CASE("a timestamp more than five minutes away, past or future, is outside the window") {
    const auto header = sign_payment_event(body, secret, sent_at);
    CHECK(verify(header, now + 300s).has_value());
    CHECK(verify(header, now - 300s).has_value());
    CHECK(verify(header, now + 301s).error() == signature_error::outside_window);
    CHECK(verify(header, now - 301s).error() == signature_error::outside_window);
    CHECK(verify(header, now + 24h).error() == signature_error::outside_window);
    CHECK(verify_payment_signature(header, body, secret, now + 20s, 10s).error() ==
          signature_error::outside_window);
    // A forged stale header is a mismatch: the signature is checked first.
    CHECK(verify("t=1," + v1_of(header), now).error() == signature_error::no_matching_signature);
}

TEST_CASE("while secrets rotate, any of several v1 entries may match") {
    const auto with_new = sign_payment_event(body, secret, sent_at);
    const auto with_old = sign_payment_event(body, old_secret, sent_at);
    const auto both = with_new + "," + v1_of(with_old);
    CHECK(verify_payment_signature(both, body, secret, now).has_value());
    CHECK(verify_payment_signature(both, body, old_secret, now).has_value());
    CHECK(verify_payment_signature(both, body, "whsec_other", now).error() ==
          signature_error::no_matching_signature);
    const auto old_first = "t=1790000000," + v1_of(with_old) + "," + v1_of(with_new);
    CHECK(verify_payment_signature(old_first, body, secret, now).has_value());
    CHECK(verify_payment_signature(with_new + ",v0=abc", body, secret, now).has_value());
}

TEST_CASE("a missing or malformed header is refused before any HMAC") {
    const auto v1 = v1_of(sign_payment_event(body, secret, sent_at));
    CHECK(verify("").error() == signature_error::missing_header);
    CHECK(verify("   ").error() == signature_error::missing_header);
    for (const std::string& bad : std::vector<std::string>{
             v1,                                        // no t
             std::string("t=1790000000"),               // no v1
             "t=1790000000,t=1790000000," + v1,         // two t
             "t=-1790000000," + v1,                     // negative
             "t=17900000.5," + v1,                      // not whole seconds
             "t=," + v1,                                // empty t
             "t=1234567890123456789," + v1,             // too many digits
             std::string("t=1790000000,v1=abc"),        // short v1
             "t=1790000000," + v1 + "zz",               // long v1
             "t=1790000000,v1=" + std::string(64, 'g'), // not hex
             "t=1790000000," + v1 + ",",                // empty item
             "t=1790000000;" + v1,                      // wrong separator
             std::string("garbage"),
         }) {
        CAPTURE(bad);
        CHECK(verify(bad).error() == signature_error::malformed_header);
    }
}

TEST_CASE("signature errors have stable slugs") {
    CHECK(to_string(signature_error::missing_header) == "signature-missing");
    CHECK(to_string(signature_error::malformed_header) == "signature-malformed");
    CHECK(to_string(signature_error::no_matching_signature) == "signature-mismatch");
    CHECK(to_string(signature_error::outside_window) == "signature-outside-window");
}
