#pragma once

#include <cstdint>
#include <memory>
#include <prometheus/registry.h>
#include <string>
#include <string_view>

namespace prometheus {
class Exposer;
}

namespace ventros::telemetry {

/// The process's Prometheus metrics. Thread-safe (prometheus-cpp families are).
/// Metric names are stable: dashboards depend on them.
class metrics final {
public:
    metrics();
    ~metrics();
    metrics(const metrics&) = delete;
    metrics& operator=(const metrics&) = delete;

    /// ventros_http_requests_total{route,method,status} and
    /// ventros_http_request_duration_seconds{route,method} (histogram).
    void observe_request(std::string_view route, std::string_view method, int status,
                         double seconds);

    /// ventros_commands_appended_total{type}
    void add_commands_appended(std::string_view command_type, std::uint64_t n = 1);

    /// ventros_command_failures_total{reason} (unavailable, conflict, ...)
    void add_command_failure(std::string_view reason);

    /// ventros_transaction_batch_size (histogram of commands per Kafka transaction) and
    /// ventros_transaction_duration_seconds (histogram).
    void observe_transaction(std::size_t commands, double seconds);

    /// ventros_projector_lag{projection,topic,partition} (gauge, records behind the end)
    void set_projector_lag(std::string_view projection, std::string_view topic,
                           std::int32_t partition, std::int64_t lag);

    /// ventros_projector_events_applied_total{projection}
    void add_events_applied(std::string_view projection, std::uint64_t n);

    /// ventros_projector_dead_letters_total{projection,reason}
    void add_dead_letter(std::string_view projection, std::string_view reason);

    /// ventros_writer_replayed_events_total and ventros_ready (gauge 0/1)
    void add_replayed_events(std::uint64_t n);
    void set_ready(bool ready);

    /// Prometheus text exposition format (version 0.0.4) of everything above.
    std::string serialize() const;

    /// Serves `/metrics` on `address` ("127.0.0.1:9464") from a background thread, for
    /// processes without their own HTTP server (the projector). Throws on bind failure.
    void expose(const std::string& address);

    prometheus::Registry& registry() noexcept { return *registry_; }

private:
    struct families;
    std::shared_ptr<prometheus::Registry> registry_;
    std::unique_ptr<families> families_;
    std::unique_ptr<prometheus::Exposer> exposer_;
};

} // namespace ventros::telemetry
