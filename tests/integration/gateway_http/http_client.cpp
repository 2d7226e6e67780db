#include "http_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace ventros::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;

http_client::http_client(unsigned short port) : stream_(io_) {
    stream_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

void http_client::send_raw(const std::string& bytes) {
    asio::write(stream_.socket(), asio::buffer(bytes));
}

void http_client::send(gateway::request req) {
    req.prepare_payload();
    http::write(stream_.socket(), req);
}

std::optional<gateway::response> http_client::read_response(std::chrono::milliseconds timeout) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    boost::system::error_code result = asio::error::timed_out;
    stream_.expires_after(timeout);
    http::async_read(stream_, buffer_, parser,
                     [&](boost::system::error_code ec, std::size_t) { result = ec; });
    io_.restart();
    io_.run();
    if (result) {
        return std::nullopt;
    }
    return parser.release();
}

bool http_client::closed_by_peer(std::chrono::milliseconds timeout) {
    std::array<char, 4096> scratch{};
    bool closed = false;
    bool done = false;
    stream_.expires_after(timeout);
    while (!done) {
        stream_.async_read_some(asio::buffer(scratch),
                                [&](boost::system::error_code ec, std::size_t) {
                                    if (ec) {
                                        closed = ec != boost::beast::error::timeout;
                                        done = true;
                                    }
                                });
        io_.restart();
        io_.run();
    }
    return closed;
}

} // namespace ventros::test
