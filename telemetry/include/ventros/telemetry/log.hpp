#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace ventros::telemetry {

/// Extra key/value pairs of one log line (request id, tenant, command id, ...).
using log_fields = std::initializer_list<std::pair<std::string_view, nlohmann::json>>;

enum class log_level { debug, info, warn, error };

/// Sets the process-wide minimum level ("debug", "info", "warn", "error"); unknown text
/// keeps the current level. Thread-safe.
void set_log_level(std::string_view level);

/// A named logger for one component. Each call writes one JSON object per line to
/// stderr: {"ts": RFC 3339, "level", "component", "msg", ...fields}. Thread-safe;
/// cheap when the level is disabled. Never throws.
class logger final {
public:
    explicit logger(std::string component);

    void debug(std::string_view msg, log_fields fields = {}) const;
    void info(std::string_view msg, log_fields fields = {}) const;
    void warn(std::string_view msg, log_fields fields = {}) const;
    void error(std::string_view msg, log_fields fields = {}) const;
    /// Like the above with fields built at run time: the members of the `fields` object.
    void log(log_level level, std::string_view msg, const nlohmann::json& fields) const;
    bool enabled(log_level level) const noexcept;

private:
    void write(log_level level, std::string_view msg, log_fields fields) const;
    nlohmann::ordered_json header(log_level level, std::string_view msg) const;
    static void emit(const nlohmann::ordered_json& line);
    std::string component_;
};

} // namespace ventros::telemetry
