#include "request_support.hpp"

#include "ventros/gateway/auth.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <memory>

namespace ventros::gateway {

namespace asio = boost::asio;

std::expected<caller, problem> authorize(const request_context& ctx, const jwt_config& jwt) {
    auto who = authenticate(ctx.req, jwt, std::chrono::system_clock::now());
    if (!who) {
        return std::unexpected(who.error());
    }
    const auto& tenant = ctx.params.at("tenant_id");
    auto role = authorize_tenant(*who, tenant);
    if (!role) {
        return std::unexpected(role.error());
    }
    return caller{std::move(*who), tenant, *role};
}

std::expected<std::optional<std::uint32_t>, problem> parse_if_match(const request& req) {
    const auto found = req.find(http::field::if_match);
    if (found == req.end()) {
        return std::nullopt;
    }
    std::string_view value = found->value();
    if (value == "*") {
        return std::nullopt;
    }
    if (value.starts_with("W/")) {
        value.remove_prefix(2);
    }
    std::uint32_t version = 0;
    if (value.size() >= 3 && value.front() == '"' && value.back() == '"') {
        const auto digits = value.substr(1, value.size() - 2);
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), version);
        if (ec == std::errc{} && end == digits.data() + digits.size()) {
            return version;
        }
    }
    return std::unexpected(problem{400, "invalid-if-match", "Invalid If-Match",
                                   "If-Match must be an ETag like \"3\""});
}

std::expected<std::string, problem> parse_idempotency_key(const request& req) {
    const auto found = req.find("Idempotency-Key");
    if (found == req.end()) {
        return std::string{};
    }
    const std::string_view key = found->value();
    const bool visible = std::ranges::all_of(key, [](char c) { return c > 0x20 && c < 0x7f; });
    if (key.empty() || key.size() > 255 || !visible) {
        return std::unexpected(
            problem{400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters"});
    }
    return std::string(key);
}

response json_response(const request_context& ctx, unsigned status, const nlohmann::json& body) {
    return json_text_response(ctx, status, body.dump());
}

response json_text_response(const request_context& ctx, unsigned status, std::string body) {
    response res{static_cast<http::status>(status), ctx.req.version()};
    res.set(http::field::content_type, "application/json");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

response problem_response(const request_context& ctx, const problem& p) {
    return to_response(p, ctx.request_id, ctx.req.version(), ctx.req.keep_alive());
}

asio::awaitable<commands::write_outcome> submit(commands::write_service& writer,
                                                commands::write_request command) {
    auto executor = co_await asio::this_coro::executor;
    // A named initiation, not a lambda written inside the co_await expression: GCC 12
    // destroys such temporaries twice, which here released the strand executor early.
    auto init = [&writer, &command, executor](auto completion) {
        // The writer calls back on its own thread; resume the coroutine on ours.
        auto shared = std::make_shared<decltype(completion)>(std::move(completion));
        writer.submit(std::move(command), [shared, executor](commands::write_outcome outcome) {
            asio::post(executor, [shared, outcome = std::move(outcome)]() mutable {
                std::move (*shared)(std::move(outcome));
            });
        });
    };
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&,
                                            void(commands::write_outcome)>(std::move(init),
                                                                           asio::use_awaitable);
}

} // namespace ventros::gateway
