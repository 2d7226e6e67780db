#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace ventros::testing {

struct http_reply {
    unsigned status = 0;
    std::map<std::string, std::string> headers; ///< lower-case names
    std::string body;
    nlohmann::json json() const; ///< the body parsed; discarded value when not JSON
    std::string header(const std::string& name) const;
};

/// A blocking HTTP/1.1 client for tests: one connection per request, each bounded by
/// `timeout` from connecting to the end of the answer (then it throws).
class http_client {
public:
    explicit http_client(unsigned short port, std::string host = "127.0.0.1",
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

    http_reply request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = {}) const;

    /// Sends raw bytes and returns whatever the server answers before closing (or
    /// within `timeout_ms`).
    std::string raw(const std::string& bytes, int timeout_ms = 5000) const;

    unsigned short port() const noexcept { return port_; }

private:
    std::string host_;
    unsigned short port_;
    std::chrono::milliseconds timeout_;
};

} // namespace ventros::testing
