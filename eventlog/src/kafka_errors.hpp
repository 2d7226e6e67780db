#pragma once

// Turns librdkafka's two error shapes into `kafka_error` with retriable/fatal flags.

#include "ventros/eventlog/errors.hpp"

#include <librdkafka/rdkafka.h>
#include <string_view>

namespace ventros::eventlog::detail {

/// Whether a plain error code is worth retrying (broker unreachable, leader moving, ...).
bool is_retriable(rd_kafka_resp_err_t err) noexcept;

/// Builds the exception for an error code; `_FATAL` is resolved through
/// `rd_kafka_fatal_error` on `rk` when given.
kafka_error make_error(std::string_view context, rd_kafka_resp_err_t err, rd_kafka_t* rk = nullptr);

/// Builds the exception for an error object and destroys it.
kafka_error make_error(std::string_view context, rd_kafka_error_t* error);

/// Throws unless `err` is NO_ERROR.
void throw_if(std::string_view context, rd_kafka_resp_err_t err, rd_kafka_t* rk = nullptr);

/// Throws (and destroys `error`) unless it is null.
void throw_if(std::string_view context, rd_kafka_error_t* error);

} // namespace ventros::eventlog::detail
