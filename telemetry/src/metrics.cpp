#include "ventros/telemetry/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/text_serializer.h>
#include <string>

namespace ventros::telemetry {
namespace {

using prometheus::Histogram;

// 0.5 ms .. 5 s: gateway requests and Kafka transactions both live in that range.
const Histogram::BucketBoundaries& latency_buckets() {
    static const Histogram::BucketBoundaries b{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1.0,   2.5,  5.0};
    return b;
}

// Powers of two 1 .. 4096 commands per transaction.
const Histogram::BucketBoundaries& batch_buckets() {
    static const Histogram::BucketBoundaries b = [] {
        Histogram::BucketBoundaries out;
        for (double v = 1; v <= 4096; v *= 2) {
            out.push_back(v);
        }
        return out;
    }();
    return b;
}

std::string str(std::string_view s) {
    return std::string(s);
}

} // namespace

struct metrics::families {
    explicit families(prometheus::Registry& r)
        : http_requests(prometheus::BuildCounter()
                            .Name("ventros_http_requests_total")
                            .Help("HTTP requests by route pattern, method and status")
                            .Register(r)),
          http_duration(prometheus::BuildHistogram()
                            .Name("ventros_http_request_duration_seconds")
                            .Help("HTTP request latency by route pattern and method")
                            .Register(r)),
          commands_appended(prometheus::BuildCounter()
                                .Name("ventros_commands_appended_total")
                                .Help("Commands whose events were committed to Kafka")
                                .Register(r)),
          command_failures(prometheus::BuildCounter()
                               .Name("ventros_command_failures_total")
                               .Help("Commands that failed, by reason")
                               .Register(r)),
          batch_size(prometheus::BuildHistogram()
                         .Name("ventros_transaction_batch_size")
                         .Help("Commands per Kafka transaction")
                         .Register(r)),
          transaction_duration(prometheus::BuildHistogram()
                                   .Name("ventros_transaction_duration_seconds")
                                   .Help("Kafka transaction duration")
                                   .Register(r)),
          projector_lag(prometheus::BuildGauge()
                            .Name("ventros_projector_lag")
                            .Help("Records between the projector's checkpoint and the end")
                            .Register(r)),
          events_applied(prometheus::BuildCounter()
                             .Name("ventros_projector_events_applied_total")
                             .Help("Events applied to read models")
                             .Register(r)),
          dead_letters(prometheus::BuildCounter()
                           .Name("ventros_projector_dead_letters_total")
                           .Help("Events sent to the dead-letter topic, by reason")
                           .Register(r)),
          replayed_events(prometheus::BuildCounter()
                              .Name("ventros_writer_replayed_events_total")
                              .Help("Events replayed by partition writers at start")
                              .Register(r)
                              .Add({})),
          ready(prometheus::BuildGauge()
                    .Name("ventros_ready")
                    .Help("1 when the process serves traffic, else 0")
                    .Register(r)
                    .Add({})),
          batch_size_series(batch_size.Add({}, batch_buckets())),
          transaction_duration_series(transaction_duration.Add({}, latency_buckets())) {}

    prometheus::Family<prometheus::Counter>& http_requests;
    prometheus::Family<prometheus::Histogram>& http_duration;
    prometheus::Family<prometheus::Counter>& commands_appended;
    prometheus::Family<prometheus::Counter>& command_failures;
    prometheus::Family<prometheus::Histogram>& batch_size;
    prometheus::Family<prometheus::Histogram>& transaction_duration;
    prometheus::Family<prometheus::Gauge>& projector_lag;
    prometheus::Family<prometheus::Counter>& events_applied;
    prometheus::Family<prometheus::Counter>& dead_letters;
    prometheus::Counter& replayed_events;
    prometheus::Gauge& ready;
    prometheus::Histogram& batch_size_series;
    prometheus::Histogram& transaction_duration_series;
};

metrics::metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      families_(std::make_unique<families>(*registry_)) {}

metrics::~metrics() = default;

void metrics::observe_request(std::string_view route, std::string_view method, int status,
                              double seconds) {
    families_->http_requests
        .Add({{"route", str(route)}, {"method", str(method)}, {"status", std::to_string(status)}})
        .Increment();
    families_->http_duration
        .Add({{"route", str(route)}, {"method", str(method)}}, latency_buckets())
        .Observe(seconds);
}

void metrics::add_commands_appended(std::string_view command_type, std::uint64_t n) {
    families_->commands_appended.Add({{"type", str(command_type)}})
        .Increment(static_cast<double>(n));
}

void metrics::add_command_failure(std::string_view reason) {
    families_->command_failures.Add({{"reason", str(reason)}}).Increment();
}

void metrics::observe_transaction(std::size_t commands, double seconds) {
    families_->batch_size_series.Observe(static_cast<double>(commands));
    families_->transaction_duration_series.Observe(seconds);
}

void metrics::set_projector_lag(std::string_view projection, std::string_view topic,
                                std::int32_t partition, std::int64_t lag) {
    families_->projector_lag
        .Add({{"projection", str(projection)},
              {"topic", str(topic)},
              {"partition", std::to_string(partition)}})
        .Set(static_cast<double>(lag));
}

void metrics::add_events_applied(std::string_view projection, std::uint64_t n) {
    families_->events_applied.Add({{"projection", str(projection)}})
        .Increment(static_cast<double>(n));
}

void metrics::add_dead_letter(std::string_view projection, std::string_view reason) {
    families_->dead_letters.Add({{"projection", str(projection)}, {"reason", str(reason)}})
        .Increment();
}

void metrics::add_replayed_events(std::uint64_t n) {
    families_->replayed_events.Increment(static_cast<double>(n));
}

void metrics::set_ready(bool ready) {
    families_->ready.Set(ready ? 1.0 : 0.0);
}

std::string metrics::serialize() const {
    return prometheus::TextSerializer{}.Serialize(registry_->Collect());
}

void metrics::expose(const std::string& address) {
    auto exposer = std::make_unique<prometheus::Exposer>(address);
    exposer->RegisterCollectable(registry_);
    exposer_ = std::move(exposer);
}

} // namespace ventros::telemetry
