#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

namespace ventros::gateway {

/// Argon2id hashing and checking (see passwords.hpp) on a small pool of their own, so the
/// I/O threads keep serving while a password is hashed. The coroutine resumes on its
/// executor with the result.
boost::asio::awaitable<std::string> hash_password_off_thread(std::string password);
/// False when `encoded` is nullopt (no such user), after checking the password against a
/// decoy hash so that an unknown email takes as long as a wrong password.
boost::asio::awaitable<bool> verify_password_off_thread(std::optional<std::string> encoded,
                                                        std::string password);

} // namespace ventros::gateway
