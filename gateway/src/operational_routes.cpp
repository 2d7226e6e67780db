#include "ventros/gateway/operational_routes.hpp"

#include <nlohmann/json.hpp>

namespace ventros::gateway {

void add_operational_routes(router& routes, telemetry::metrics& metrics,
                            std::function<bool()> ready) {
    routes.add(http::verb::get, "/healthz",
               [](request_context&) -> boost::asio::awaitable<response> {
                   co_return json_response(http::status::ok, {{"status", "ok"}});
               });
    routes.add(
        http::verb::get, "/readyz",
        [ready = std::move(ready)](request_context& ctx) -> boost::asio::awaitable<response> {
            if (ready && ready()) {
                co_return json_response(http::status::ok, {{"status", "ready"}});
            }
            co_return to_response(problems::not_ready(), ctx.request_id, ctx.req.version(),
                                  ctx.req.keep_alive());
        });
    routes.add(http::verb::get, "/metrics",
               [&metrics](request_context&) -> boost::asio::awaitable<response> {
                   response res{http::status::ok, 11};
                   res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
                   res.body() = metrics.serialize();
                   co_return res;
               });
}

} // namespace ventros::gateway
