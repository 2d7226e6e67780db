#pragma once

#include <stdexcept>

namespace ventros::gateway {

/// PostgreSQL cannot serve a query right now (cannot connect, connection lost, or every
/// connection busy with a full queue). The router maps it to 503 "unavailable" with
/// Retry-After; retrying later is expected to succeed.
class database_unavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace ventros::gateway
