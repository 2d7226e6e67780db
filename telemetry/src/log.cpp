#include "ventros/telemetry/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace ventros::telemetry {
namespace {

std::atomic<int> min_level{static_cast<int>(log_level::info)};

// One mutex so concurrent lines never interleave; a line is one fwrite.
std::mutex& write_mutex() {
    static std::mutex m;
    return m;
}

std::string_view level_name(log_level level) noexcept {
    switch (level) {
    case log_level::debug:
        return "debug";
    case log_level::info:
        return "info";
    case log_level::warn:
        return "warn";
    case log_level::error:
        return "error";
    }
    return "info";
}

std::string rfc3339_now() {
    const auto now = std::chrono::system_clock::now();
    const auto secs = std::chrono::floor<std::chrono::seconds>(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now - secs).count();
    const std::time_t t = std::chrono::system_clock::to_time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(millis));
    return buf;
}

} // namespace

void set_log_level(std::string_view level) {
    for (auto l : {log_level::debug, log_level::info, log_level::warn, log_level::error}) {
        if (level == level_name(l)) {
            min_level.store(static_cast<int>(l), std::memory_order_relaxed);
            return;
        }
    }
}

logger::logger(std::string component) : component_(std::move(component)) {}

void logger::debug(std::string_view msg, log_fields fields) const {
    write(log_level::debug, msg, fields);
}
void logger::info(std::string_view msg, log_fields fields) const {
    write(log_level::info, msg, fields);
}
void logger::warn(std::string_view msg, log_fields fields) const {
    write(log_level::warn, msg, fields);
}
void logger::error(std::string_view msg, log_fields fields) const {
    write(log_level::error, msg, fields);
}

bool logger::enabled(log_level level) const noexcept {
    return static_cast<int>(level) >= min_level.load(std::memory_order_relaxed);
}

nlohmann::ordered_json logger::header(log_level level, std::string_view msg) const {
    nlohmann::ordered_json line;
    line["ts"] = rfc3339_now();
    line["level"] = level_name(level);
    line["component"] = component_;
    line["msg"] = msg;
    return line;
}

void logger::emit(const nlohmann::ordered_json& line) {
    // Replace invalid UTF-8 rather than throw: a log line must never fail a request.
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text.push_back('\n');
    const std::lock_guard lock(write_mutex());
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

void logger::write(log_level level, std::string_view msg, log_fields fields) const {
    if (!enabled(level)) {
        return;
    }
    try {
        auto line = header(level, msg);
        for (const auto& [key, value] : fields) {
            line[std::string(key)] = value;
        }
        emit(line);
    } catch (...) {
        // Out of memory or similar: dropping the line is the only safe choice.
    }
}

void logger::log(log_level level, std::string_view msg, const nlohmann::json& fields) const {
    if (!enabled(level)) {
        return;
    }
    try {
        auto line = header(level, msg);
        for (const auto& [key, value] : fields.items()) {
            line[key] = value;
        }
        emit(line);
    } catch (...) {
        // As in write(): never fail the caller over a log line.
    }
}

} // namespace ventros::telemetry
