#pragma once

// Builds librdkafka configurations from `kafka_config`, the same way for every client.

#include "rdkafka_handles.hpp"
#include "ventros/eventlog/kafka_config.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace ventros::eventlog::detail {

using setting = std::pair<const char*, std::string>;

/// bootstrap.servers, client.id and connection timeouts, then `role_settings` (what a
/// producer or consumer needs), then `config.extra`, so an operator can override anything.
/// librdkafka's own logging stays silent unless VENTROS_KAFKA_DEBUG is set (its value,
/// unless "1", is passed as the `debug` contexts). Throws `kafka_error` naming the
/// property librdkafka rejected.
conf_handle make_conf(const kafka_config& config, const std::vector<setting>& role_settings);

/// Sets one property or throws `kafka_error` with librdkafka's reason.
void set_property(rd_kafka_conf_t* conf, const char* name, const std::string& value);

/// Creates a client; takes ownership of `conf` (librdkafka does on success).
client_handle make_client(rd_kafka_type_t type, conf_handle conf);

/// Milliseconds as the int librdkafka takes, clamped to [0, INT_MAX].
int to_timeout_ms(std::chrono::milliseconds timeout) noexcept;

/// Milliseconds left until `deadline`, never negative.
std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) noexcept;

/// A random hex string, for throw-away group ids.
std::string random_hex(std::size_t digits);

} // namespace ventros::eventlog::detail
