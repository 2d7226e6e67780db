#pragma once

#include <string>

namespace ventros::app {

/// The HS256 secret: VENTROS_JWT_SECRET, else the file VENTROS_JWT_SECRET_FILE, else
/// `.local/jwt-secret` in the current directory (written once by `scripts/up`).
/// Throws CLI::RuntimeError with a clear message when none is set or the file is empty.
std::string load_jwt_secret();

} // namespace ventros::app
