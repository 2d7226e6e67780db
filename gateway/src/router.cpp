#include "ventros/gateway/router.hpp"

#include "ventros/gateway/database_unavailable.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace ventros::gateway {
namespace {

using clock = std::chrono::steady_clock;

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(sep, start);
        out.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) {
            return out;
        }
        start = end + 1;
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// Percent-decodes `text`; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

bool is_param(const std::string& segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::optional<std::map<std::string, std::string>> parse_query(std::string_view text) {
    std::map<std::string, std::string> out;
    for (const auto& pair : split(text, '&')) {
        if (pair.empty()) {
            continue;
        }
        const auto eq = pair.find('=');
        auto key = percent_decode(std::string_view(pair).substr(0, eq), true);
        auto value = percent_decode(eq == std::string::npos ? std::string_view{}
                                                            : std::string_view(pair).substr(eq + 1),
                                    true);
        if (!key || !value) {
            return std::nullopt;
        }
        out.insert_or_assign(std::move(*key), std::move(*value));
    }
    return out;
}

std::string method_label(const request& req) {
    return std::string(http::to_string(req.method()));
}

} // namespace

router::router(telemetry::metrics& metrics, telemetry::logger log)
    : metrics_(metrics), log_(std::move(log)) {}

void router::add(http::verb method, std::string pattern, handler h) {
    auto segments = split(std::string_view(pattern).substr(pattern.starts_with('/') ? 1 : 0), '/');
    routes_.push_back(route_entry{method, std::move(pattern), std::move(segments), std::move(h)});
}

boost::asio::awaitable<response> router::dispatch(const request& req,
                                                  std::string request_id) const {
    const auto started = clock::now();
    const std::string_view target = req.target();
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query_text =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

    auto fail = [&](const problem& p) {
        return reject(p, request_id, method_label(req), req.version(), req.keep_alive(), started);
    };

    if (!path.starts_with('/')) {
        co_return fail(problems::bad_request("the request target must be an absolute path"));
    }
    std::vector<std::string> segments;
    for (const auto& raw : split(path.substr(1), '/')) {
        auto decoded = percent_decode(raw, false);
        if (!decoded) {
            co_return fail(problems::bad_request("malformed percent-encoding in the path"));
        }
        segments.push_back(std::move(*decoded));
    }

    // Among routes matching the path, the most literal one (left to right) wins.
    const route_entry* best = nullptr;
    std::vector<bool> best_rank;
    std::vector<std::string> allowed;
    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) {
            continue;
        }
        std::vector<bool> rank;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            const bool literal = !is_param(route.segments[i]);
            match = !literal || route.segments[i] == segments[i];
            rank.push_back(literal);
        }
        if (!match) {
            continue;
        }
        std::string name(http::to_string(route.method));
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            allowed.push_back(std::move(name));
        }
        if (route.method == req.method() && (best == nullptr || rank > best_rank)) {
            best = &route;
            best_rank = std::move(rank);
        }
    }
    if (best == nullptr) {
        if (allowed.empty()) {
            co_return fail(problems::not_found("no resource at this path"));
        }
        std::sort(allowed.begin(), allowed.end());
        std::string allow;
        for (const auto& m : allowed) {
            allow += (allow.empty() ? "" : ", ") + m;
        }
        co_return fail(problems::method_not_allowed(std::move(allow)));
    }

    auto query = parse_query(query_text);
    if (!query) {
        co_return fail(problems::bad_request("malformed percent-encoding in the query string"));
    }
    request_context ctx{req, request_id, best->pattern, {}, std::move(*query)};
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (is_param(best->segments[i])) {
            ctx.params.emplace(best->segments[i].substr(1, best->segments[i].size() - 2),
                               std::move(segments[i]));
        }
    }

    std::optional<response> res;
    std::optional<problem> failure;
    try {
        res = co_await best->h(ctx);
    } catch (const database_unavailable& e) {
        log_.warn("database unavailable", {{"request_id", request_id}, {"error", e.what()}});
        failure = problems::unavailable("the database is unavailable; retry shortly");
    } catch (const std::exception& e) {
        log_.error("handler failed",
                   {{"request_id", request_id}, {"route", best->pattern}, {"error", e.what()}});
        failure = problems::internal();
    } catch (...) {
        log_.error("handler failed", {{"request_id", request_id}, {"route", best->pattern}});
        failure = problems::internal();
    }
    if (!res) {
        res = to_response(*failure, request_id, req.version(), req.keep_alive());
    }
    res->version(req.version());
    res->keep_alive(req.keep_alive());
    res->set("X-Request-Id", request_id);
    res->prepare_payload();

    record(best->pattern, method_label(req), res->result_int(), request_id, &ctx, started);
    co_return std::move(*res);
}

response router::reject(const problem& p, const std::string& request_id, std::string_view method,
                        unsigned http_version, bool keep_alive,
                        std::chrono::steady_clock::time_point started) const {
    auto res = to_response(p, request_id, http_version, keep_alive);
    record("unmatched", method, p.status, request_id, nullptr, started);
    return res;
}

void router::record(std::string_view route, std::string_view method, unsigned status,
                    const std::string& request_id, const request_context* ctx,
                    std::chrono::steady_clock::time_point started) const {
    const double seconds = std::chrono::duration<double>(clock::now() - started).count();
    metrics_.observe_request(route, method, static_cast<int>(status), seconds);
    if (!log_.enabled(telemetry::log_level::info)) {
        return;
    }
    nlohmann::json fields{{"request_id", request_id},
                          {"method", method},
                          {"route", route},
                          {"status", status},
                          {"ms", seconds * 1000.0}};
    if (ctx != nullptr) {
        if (const auto tenant = ctx->params.find("tenant_id"); tenant != ctx->params.end()) {
            fields["tenant_id"] = tenant->second;
        }
        if (!ctx->command_id.empty()) {
            fields["command_id"] = ctx->command_id;
        }
    }
    log_.log(telemetry::log_level::info, "request", fields);
}

} // namespace ventros::gateway
