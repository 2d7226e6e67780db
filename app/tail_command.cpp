#include "options.hpp"
#include "subcommands.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/topic_admin.hpp"

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace ventros::app {
namespace {

struct tail_options {
    eventlog::kafka_config kafka;
    std::string topic = "crm";
    std::string tenant;
    std::string type;
    bool from_beginning = false;
    long max = 0;
    bool follow = true;
};

std::atomic<bool> interrupted{false};

/// One record as a structured-mode CloudEvent (JSON), with where it came from.
nlohmann::json to_structured(const eventlog::record& r) {
    nlohmann::json out;
    auto attributes = eventlog::decode_headers(r.hdrs);
    if (attributes) {
        const auto& a = *attributes;
        out = {{"specversion", "1.0"},
               {"id", a.id},
               {"source", a.source},
               {"type", a.type},
               {"time", a.time},
               {"subject", a.subject},
               {"dataschema", a.dataschema},
               {"datacontenttype", "application/json"},
               {"tenantid", a.tenant_id},
               {"aggregateid", a.aggregate_id},
               {"aggregateversion", a.aggregate_version},
               {"commandid", a.command_id},
               {"correlationid", a.correlation_id},
               {"causationid", a.causation_id},
               {"actor", a.actor}};
    } else {
        // Records in the DLQ (or poison records) may lack attributes: show the headers.
        auto headers = nlohmann::json::object();
        for (const auto& h : r.hdrs) {
            headers[h.key] = h.value;
        }
        out = {{"headers", std::move(headers)}, {"invalid", attributes.error()}};
    }
    auto data = nlohmann::json::parse(r.value, nullptr, false);
    if (data.is_discarded()) {
        out["data_raw"] = r.value;
    } else {
        out["data"] = std::move(data);
    }
    out["kafka"] = {{"topic", r.topic}, {"partition", r.partition}, {"offset", r.offset}};
    // A dead letter's reason and origin, whether or not its CloudEvents headers decode.
    for (const auto& h : r.hdrs) {
        if (h.key.starts_with("dlq_")) {
            out["kafka"][h.key] = h.value;
        }
    }
    return out;
}

bool matches(const tail_options& o, const eventlog::record& r) {
    const auto tenant = eventlog::find_header(r.hdrs, "ce_tenantid");
    const auto type = eventlog::find_header(r.hdrs, "ce_type");
    return (o.tenant.empty() || (tenant && *tenant == o.tenant)) &&
           (o.type.empty() || (type && type->find(o.type) != std::string_view::npos));
}

void run_tail(const tail_options& o) {
    const std::string topic =
        o.topic.find('.') == std::string::npos ? o.kafka.topic_prefix + o.topic : o.topic;
    const auto timeout = std::chrono::seconds(10);
    const auto ends = eventlog::high_watermarks(o.kafka, topic, timeout);
    std::vector<eventlog::partition_offset> from;
    for (std::size_t p = 0; p < ends.size(); ++p) {
        from.push_back({topic, static_cast<std::int32_t>(p), o.from_beginning ? 0 : ends[p]});
    }
    long printed = 0;
    const auto print = [&](const eventlog::record& r) {
        if (matches(o, r) && (o.max == 0 || printed < o.max)) {
            std::cout << to_structured(r).dump() << "\n";
            ++printed;
        }
    };
    if (!o.follow) {
        // Up to the end of the log as it is now, however long the broker takes to hand it over.
        eventlog::replay_to_end(o.kafka, from, print, std::chrono::minutes(10));
        std::cout.flush();
        return;
    }
    eventlog::log_reader reader(o.kafka);
    reader.assign(from);
    std::signal(SIGINT, [](int) { interrupted = true; });
    std::signal(SIGTERM, [](int) { interrupted = true; });
    while (!interrupted && (o.max == 0 || printed < o.max)) {
        for (const auto& r : reader.poll(500, std::chrono::milliseconds(200))) {
            print(r);
        }
        std::cout.flush();
    }
}

} // namespace

void add_tail_command(CLI::App& root) {
    auto options = std::make_shared<tail_options>();
    auto* command = root.add_subcommand(
        "tail",
        "Print events from a topic as CloudEvents JSON, one per line (a downstream consumer)");
    add_kafka_options(*command, options->kafka);
    command
        ->add_option("--topic", options->topic,
                     "topic: identity, crm, billing, privacy, dlq or a full name")
        ->capture_default_str();
    command->add_option("--tenant", options->tenant, "only events of this tenant");
    command->add_option("--type", options->type, "only events whose type contains this text");
    command->add_flag("--from-beginning", options->from_beginning,
                      "start at the oldest record instead of the end");
    command->add_option("--max", options->max, "stop after this many events (0: no limit)")
        ->check(CLI::NonNegativeNumber);
    command->add_flag("!--no-follow", options->follow,
                      "stop at the end of the log as it is when tail starts");
    command->callback([options] { run_tail(*options); });
}

} // namespace ventros::app
