#include "ventros/gateway/payment_signature.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <sodium.h>
#include <stdexcept>
#include <vector>

namespace ventros::gateway {
namespace {

using mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

/// Digits of a unix time; 18 at most so it always fits in 64 bits.
constexpr std::size_t max_timestamp_digits = 18;

bool sodium_ready() noexcept {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

// The init/update/final API accepts secrets of any length.
mac hmac_sha256(std::string_view secret, std::string_view timestamp, std::string_view body) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                  timestamp.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    mac out{};
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

std::string_view trim_spaces(std::string_view text) noexcept {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::optional<mac> from_hex(std::string_view hex) {
    mac out{};
    std::size_t size = 0;
    const char* end = nullptr;
    if (hex.size() != 2 * out.size() ||
        sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &size, &end) != 0 ||
        size != out.size() || end != hex.data() + hex.size()) {
        return std::nullopt;
    }
    return out;
}

/// The parts of a well-formed header.
struct signature_header {
    std::string_view timestamp_text; ///< as written: it is part of the signed message
    std::int64_t unix_seconds = 0;
    std::vector<mac> signatures;
};

std::optional<std::int64_t> unix_seconds_of(std::string_view text) {
    if (text.empty() || text.size() > max_timestamp_digits ||
        !std::ranges::all_of(text, [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::expected<signature_header, signature_error> parse_header(std::string_view header) {
    signature_header parsed;
    bool has_timestamp = false;
    while (!header.empty()) {
        const auto comma = std::min(header.find(','), header.size());
        const auto item = trim_spaces(header.substr(0, comma));
        header.remove_prefix(std::min(comma + 1, header.size()));
        const auto equals = item.find('=');
        if (equals == std::string_view::npos) {
            return std::unexpected(signature_error::malformed_header);
        }
        const auto key = item.substr(0, equals);
        const auto value = item.substr(equals + 1);
        if (key == "t") {
            const auto seconds = unix_seconds_of(value);
            if (has_timestamp || !seconds) {
                return std::unexpected(signature_error::malformed_header);
            }
            has_timestamp = true;
            parsed.timestamp_text = value;
            parsed.unix_seconds = *seconds;
        } else if (key == "v1") {
            const auto signature = from_hex(value);
            if (!signature) {
                return std::unexpected(signature_error::malformed_header);
            }
            parsed.signatures.push_back(*signature);
        }
    }
    if (!has_timestamp || parsed.signatures.empty()) {
        return std::unexpected(signature_error::malformed_header);
    }
    return parsed;
}

} // namespace

std::string_view to_string(signature_error e) noexcept {
    switch (e) {
    case signature_error::missing_header:
        return "signature-missing";
    case signature_error::malformed_header:
        return "signature-malformed";
    case signature_error::no_matching_signature:
        return "signature-mismatch";
    case signature_error::outside_window:
        return "signature-outside-window";
    }
    return "unknown";
}

std::expected<void, signature_error>
verify_payment_signature(std::string_view header, std::string_view body, std::string_view secret,
                         std::chrono::system_clock::time_point now,
                         std::chrono::seconds tolerance) {
    if (trim_spaces(header).empty()) {
        return std::unexpected(signature_error::missing_header);
    }
    const auto parsed = parse_header(header);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    if (secret.empty() || !sodium_ready()) {
        return std::unexpected(signature_error::no_matching_signature);
    }
    const auto expected = hmac_sha256(secret, parsed->timestamp_text, body);
    const bool matches = std::ranges::any_of(parsed->signatures, [&](const mac& candidate) {
        return sodium_memcmp(candidate.data(), expected.data(), expected.size()) == 0;
    });
    if (!matches) {
        return std::unexpected(signature_error::no_matching_signature);
    }
    const auto now_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const auto distance = now_seconds - parsed->unix_seconds;
    if (distance > tolerance.count() || -distance > tolerance.count()) {
        return std::unexpected(signature_error::outside_window);
    }
    return {};
}

std::string sign_payment_event(std::string_view body, std::string_view secret,
                               std::int64_t unix_seconds) {
    if (!sodium_ready()) {
        throw std::runtime_error("libsodium initialisation failed");
    }
    const auto timestamp = std::to_string(unix_seconds);
    const auto signature = hmac_sha256(secret, timestamp, body);
    std::string hex(2 * signature.size() + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), signature.data(), signature.size());
    hex.pop_back(); // the NUL sodium writes
    return "t=" + timestamp + ",v1=" + hex;
}

} // namespace ventros::gateway
