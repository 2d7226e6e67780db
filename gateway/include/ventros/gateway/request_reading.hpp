#pragma once

#include "ventros/gateway/http_types.hpp"
#include "ventros/gateway/problem.hpp"
#include "ventros/gateway/router.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace ventros::gateway {

/// The steps http_server takes around reading one request, apart from the socket work,
/// so they can be exercised without a connection (tests/fuzz).

using request_parser = http::request_parser<http::string_body>;

/// What bounds one request while it is read.
struct request_limits {
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1 << 20;
};

/// Sets the header and body limits on a fresh parser.
void apply_limits(request_parser& parser, const request_limits& limits);

/// The problem answering a read that failed with `ec` (`timed_out`: our read timer fired):
/// 408, 413, 431 or 400; nullopt when the peer went away and nothing should be written.
std::optional<problem> read_failure_problem(boost::system::error_code ec, bool timed_out,
                                            const request_limits& limits);

/// The method for the access log of a request whose read failed ("unknown" before the
/// header is complete).
std::string failed_request_method(const request_parser& parser);

/// A fresh random request id (16 hex digits).
std::string new_request_id();

/// The client's X-Request-Id when it is 1 to 128 characters of [A-Za-z0-9._-], else a
/// fresh one.
std::string request_id_for(const request& req);

/// Answers a complete request: 415 when a POST/PUT/PATCH body is not JSON, otherwise the
/// router's response.
boost::asio::awaitable<response> answer_request(const router& routes, const request& req,
                                                std::string request_id,
                                                std::chrono::steady_clock::time_point started);

} // namespace ventros::gateway
