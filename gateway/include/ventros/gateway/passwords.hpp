#pragma once

#include <string>
#include <string_view>

namespace ventros::gateway {

/// Argon2id password hashing (libsodium `crypto_pwhash_str`, interactive limits: 2 passes
/// over 64 MiB, ~0.1 s on one core). Both calls are slow on purpose: run them off the I/O
/// threads. Thread-safe.

/// The encoded hash (algorithm, parameters, random salt and hash in one string).
/// Throws std::runtime_error when libsodium cannot allocate the memory it needs.
std::string hash_password(std::string_view password);

/// True when `password` matches `encoded` (a hash from hash_password).
bool verify_password(const std::string& encoded, std::string_view password);

/// A valid hash of no one's password, for checking a password against when the email is
/// unknown, so that an unknown email costs the same time as a wrong password.
const std::string& decoy_password_hash();

} // namespace ventros::gateway
