#pragma once

#include "ventros/domain/ids.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// A person who can log in (DESIGN.md §2: users are keyed `user:<normalized email>`, so
/// the writer of that key is the one place that can tell an email is taken).

/// Lower-cases and trims an email address; nullopt when it is not `local@domain.tld`
/// (no spaces, one `@`, a dot in the domain, at most 254 characters).
std::optional<std::string> normalize_email(std::string_view email);

/// The partition key of the user with a normalized email: `user:<email>`.
std::string user_key(std::string_view normalized_email);

/// Passwords shorter than this many characters (UTF-8 code points) are refused as weak.
inline constexpr std::size_t min_password_length = 10;

/// True when `password` has at least min_password_length code points.
bool strong_enough(std::string_view password) noexcept;

// ---- events -------------------------------------------------------------------------

/// The password travels only as an Argon2id hash in libsodium's encoded form (algorithm,
/// parameters, salt and hash in one string); the password itself never leaves the gateway.
struct user_registered {
    user_id id;
    std::string name;
    std::string email; ///< normalized
    std::string password_hash;
    bool operator==(const user_registered&) const = default;
};

using user_event = std::variant<user_registered>;

const user_id& subject_of(const user_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

struct user_state {
    user_id id;
    std::string name;
    std::string email;
    std::string password_hash;
    std::uint32_t version = 0;
    bool operator==(const user_state&) const = default;
};

user_state evolve(const std::optional<user_state>& state, const user_event& event);

// ---- commands -----------------------------------------------------------------------

struct register_user {
    user_id id; ///< server-assigned UUIDv7
    std::string name;
    std::string email;         ///< normalized by the decoder
    std::string password_hash; ///< computed by the gateway before the command is sent
};

using user_command = std::variant<register_user>;

const user_id& subject_of(const user_command& c) noexcept;

enum class user_error {
    email_taken, ///< another user registered the email → 409
};

std::string_view to_string(user_error e) noexcept; ///< "email-taken"

using user_decision = std::expected<std::vector<user_event>, user_error>;

/// Decides against the state of the user holding the command's email (nullopt: none). Pure.
user_decision decide(const user_command& command, const std::optional<user_state>& holder);

} // namespace ventros::domain
