#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace ventros::gateway {

/// Authentication of `POST /v1/billing/payment-events` (Stripe's webhook scheme). The
/// provider sends `Ventros-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]` where each
/// v1 is the lower- or upper-case hex HMAC-SHA256, under a shared secret, of
/// `"<t>.<raw body>"` (t exactly as written in the header). Several v1 entries let the
/// provider sign with an old and a new secret while secrets rotate: any one may match.
/// Items are separated by commas (spaces around them are ignored); keys other than t and
/// v1 (e.g. Stripe's v0) are ignored.

enum class signature_error {
    missing_header,        ///< no header, or an empty one
    malformed_header,      ///< no t, several t, t not unix seconds, no v1, a v1 not 64 hex digits
    no_matching_signature, ///< no v1 is the HMAC of this body under this secret
    outside_window,        ///< t further than the tolerance from now, in the past or future
};

/// Stable slug for logs, e.g. "signature-outside-window". Every error answers 401.
std::string_view to_string(signature_error e) noexcept;

/// Checks a `Ventros-Signature` header against the raw request body. The signature is
/// checked before the timestamp (so a stale but genuine delivery is told apart from a
/// forged one in logs); a timestamp exactly `tolerance` away is accepted. Comparisons run
/// in constant time. An empty secret matches nothing. Thread-safe; never throws except
/// std::bad_alloc.
std::expected<void, signature_error>
verify_payment_signature(std::string_view header, std::string_view body, std::string_view secret,
                         std::chrono::system_clock::time_point now,
                         std::chrono::seconds tolerance = std::chrono::minutes(5));

/// The header value a provider would send for `body` at `unix_seconds`:
/// `t=<unix_seconds>,v1=<lower-case hex HMAC>` (`unix_seconds` ≥ 0). For tests, benchmarks
/// and local tools.
/// Thread-safe. Throws std::runtime_error if libsodium cannot initialise.
std::string sign_payment_event(std::string_view body, std::string_view secret,
                               std::int64_t unix_seconds);

} // namespace ventros::gateway
