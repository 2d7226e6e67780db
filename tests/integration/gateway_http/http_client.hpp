#pragma once

#include "ventros/gateway/http_types.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace ventros::test {

/// A minimal HTTP/1.1 client over one TCP connection, for poking a server from outside:
/// raw bytes out, parsed responses in, every wait bounded.
class http_client {
public:
    explicit http_client(unsigned short port);

    void send_raw(const std::string& bytes);
    void send(gateway::request req);
    /// The next response, or nullopt if the connection closed or nothing came in time.
    std::optional<gateway::response>
    read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// True if the server closes the connection (EOF or reset) within `timeout`.
    bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(5));

private:
    boost::asio::io_context io_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
};

} // namespace ventros::test
