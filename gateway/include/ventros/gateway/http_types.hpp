#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json_fwd.hpp>

namespace ventros::gateway {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// A response with `body` serialized as `application/json`. The router sets the HTTP
/// version, keep-alive and Content-Length, so handlers need not. Never throws for
/// invalid UTF-8 in strings (replaced).
response json_response(http::status status, const nlohmann::json& body);

} // namespace ventros::gateway
