#include "ventros/gateway/request_reading.hpp"

#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>
#include <cstdint>
#include <random>

namespace ventros::gateway {
namespace {

bool sane_request_id(std::string_view id) {
    if (id.empty() || id.size() > 128) {
        return false;
    }
    for (const char c : id) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
            return false;
        }
    }
    return true;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// POST/PUT/PATCH bodies must be JSON; parameters such as charset are allowed.
bool acceptable_media_type(const request& req) {
    const auto m = req.method();
    if ((m != http::verb::post && m != http::verb::put && m != http::verb::patch) ||
        req.body().empty()) {
        return true;
    }
    std::string_view type = req[http::field::content_type];
    type = type.substr(0, type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
        type.remove_suffix(1);
    }
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) {
        type.remove_prefix(1);
    }
    return iequals(type, "application/json");
}

} // namespace

void apply_limits(request_parser& parser, const request_limits& limits) {
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
}

std::optional<problem> read_failure_problem(boost::system::error_code ec, bool timed_out,
                                            const request_limits& limits) {
    namespace asio = boost::asio;
    if (timed_out) {
        return problems::request_timeout();
    }
    if (ec == http::error::body_limit) {
        return problems::payload_too_large(limits.body_limit);
    }
    if (ec == http::error::header_limit) {
        return problems::request_header_fields_too_large(limits.header_limit);
    }
    if (ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
        ec != asio::error::broken_pipe) {
        return problems::bad_request("malformed HTTP request");
    }
    return std::nullopt;
}

std::string failed_request_method(const request_parser& parser) {
    return parser.is_header_done() ? std::string(http::to_string(parser.get().method()))
                                   : "unknown";
}

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char digits[] = "0123456789abcdef";
    std::uint64_t v = rng();
    std::string id(16, '0');
    for (auto& c : id) {
        c = digits[v & 0xf];
        v >>= 4;
    }
    return id;
}

std::string request_id_for(const request& req) {
    const auto it = req.find("X-Request-Id");
    if (it != req.end() && sane_request_id(it->value())) {
        return std::string(it->value());
    }
    return new_request_id();
}

boost::asio::awaitable<response> answer_request(const router& routes, const request& req,
                                                std::string request_id,
                                                std::chrono::steady_clock::time_point started) {
    if (!acceptable_media_type(req)) {
        co_return routes.reject(problems::unsupported_media_type(), request_id,
                                http::to_string(req.method()), req.version(), req.keep_alive(),
                                started);
    }
    co_return co_await routes.dispatch(req, std::move(request_id));
}

} // namespace ventros::gateway
