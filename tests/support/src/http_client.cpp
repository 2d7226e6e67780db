#include "ventros/testing/http_client.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <poll.h>

namespace ventros::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

nlohmann::json http_reply::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string http_reply::header(const std::string& name) const {
    std::string lower = name;
    std::ranges::transform(lower, lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto found = headers.find(lower);
    return found == headers.end() ? std::string{} : found->second;
}

http_client::http_client(unsigned short port, std::string host, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

http_reply http_client::request(const std::string& method, const std::string& target,
                                const std::map<std::string, std::string>& headers,
                                const std::string& body) const {
    asio::io_context io;
    beast::tcp_stream stream(io);
    // Asynchronous operations, because only those honour the stream's expiry: one
    // deadline for connecting, sending and reading the whole answer.
    stream.expires_after(timeout_);
    beast::error_code ec;
    const auto finish = [&](const char* step) {
        io.run();
        io.restart();
        if (ec) {
            throw beast::system_error(ec, std::string("HTTP ") + step);
        }
    };
    stream.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address(host_), port_),
                         [&](beast::error_code e) { ec = e; });
    finish("connect");
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host_);
    bool has_content_type = false;
    for (const auto& [name, value] : headers) {
        req.set(name, value);
        std::string lower = name;
        std::ranges::transform(lower, lower.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        has_content_type = has_content_type || lower == "content-type";
    }
    if (!body.empty() && !has_content_type) {
        req.set(http::field::content_type, "application/json");
    }
    req.body() = body;
    req.prepare_payload();
    http::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
    finish("write");
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
    finish("read");
    const auto& res = parser.get();
    http_reply reply;
    reply.status = res.result_int();
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::ranges::transform(name, name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        reply.headers[name] = std::string(field.value());
    }
    reply.body = res.body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return reply;
}

std::string http_client::raw(const std::string& bytes, int timeout_ms) const {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address(host_), port_));
    beast::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
    std::string answer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char chunk[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd fd{socket.native_handle(), POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (::poll(&fd, 1, static_cast<int>(std::max<long>(left, 0))) <= 0) {
            break;
        }
        const auto n = socket.read_some(asio::buffer(chunk), ec);
        if (ec || n == 0) {
            break;
        }
        answer.append(chunk, n);
    }
    return answer;
}

} // namespace ventros::testing
