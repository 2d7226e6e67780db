// Pins: poison records written straight to the crm topic (invalid JSON, unknown ce_type,
// schema-invalid data, missing headers) each land in the DLQ once per projection (each
// consumes the topic on its own) with their reason and origin in headers, are counted by
// the projector's metric and shown by `ventros tail`, while the valid events written after
// them are applied.
#include "poison.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/fault/event_preloader.hpp"
#include "ventros/fault/read_model_inspector.hpp"
#include "ventros/projections/registry.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <thread>

namespace ventros::fault {
namespace {

using namespace std::chrono_literals;

eventlog::kafka_config kafka_of(const testing::stack& s) {
    eventlog::kafka_config kafka;
    kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
    kafka.topic_prefix = s.prefix();
    return kafka;
}

std::string header(const eventlog::record& r, std::string_view key) {
    const auto value = eventlog::find_header(r.hdrs, key);
    return value ? std::string(*value) : std::string("<missing>");
}

/// The source offset a dead letter names and the projection that refused it.
using dead_letter_key = std::pair<std::int64_t, std::string>;

/// Every record of the stack's DLQ, by source offset and projection (duplicates, which
/// at-least-once delivery allows, collapse).
std::map<dead_letter_key, eventlog::record> dead_letters(const testing::stack& s) {
    std::vector<eventlog::partition_offset> from;
    for (std::size_t p = 0; p < s.end_offsets("dlq").size(); ++p) {
        from.push_back({s.topic("dlq"), static_cast<std::int32_t>(p), 0});
    }
    std::map<dead_letter_key, eventlog::record> out;
    eventlog::replay_to_end(
        kafka_of(s), from,
        [&](const eventlog::record& r) {
            out[{std::stoll(header(r, "dlq_source_offset")), header(r, "dlq_projection")}] = r;
        },
        30s);
    return out;
}

/// `ventros_projector_dead_letters_total` by reason, from the projector's /metrics.
std::map<std::string, int> dead_letter_counts(unsigned short port) {
    std::map<std::string, int> counts;
    std::istringstream text(
        testing::http_client(port, "127.0.0.1", 5s).request("GET", "/metrics").body);
    const std::string family = "ventros_projector_dead_letters_total{";
    for (std::string line; std::getline(text, line);) {
        if (!line.starts_with(family)) {
            continue;
        }
        const auto reason_at = line.find("reason=\"");
        const auto reason_end = line.find('"', reason_at + 8);
        const auto reason = line.substr(reason_at + 8, reason_end - reason_at - 8);
        counts[reason] += static_cast<int>(std::stod(line.substr(line.rfind(' ') + 1)));
    }
    return counts;
}

} // namespace

TEST_CASE("poison records go to the DLQ with reason and origin; the projector moves on") {
    testing::stack s;
    const auto metrics_port = testing::free_port();
    s.start_projector(
        {{"VENTROS_PROJECTOR_METRICS_ADDRESS", "127.0.0.1:" + std::to_string(metrics_port)}});
    MESSAGE("logs in " << s.log_dir());
    const std::string tenant = "t-poison";
    event_preloader valid(s, {tenant});
    eventlog::transactional_producer producer(kafka_of(s), "poison-" + commands::new_uuid_v7());
    producer.init(30s);

    // Valid events before, between and after the poison, all on the same partition.
    const auto poisons =
        poison_records(s.topic("crm"), std::stoi(s.environment().at("VENTROS_PARTITIONS")), tenant);
    std::map<std::int64_t, const poison*> poison_at;
    valid.write(10);
    for (const auto& p : poisons) {
        const auto landed = producer.append(std::span(&p.record, 1), 30s);
        poison_at[landed.at(0).offset] = &p;
        valid.write(10);
    }
    std::vector<std::string> projections; // those that read the crm topic
    for (const auto& projection : projections::all_projections()) {
        const auto topics = projection->topics();
        if (std::ranges::find(topics, "crm") == topics.end()) {
            continue;
        }
        projections.push_back(projection->name());
        REQUIRE(s.wait_projected(projections.back(), 60000));
    }

    // Every valid event is applied, the poison is not.
    read_model_inspector db(s);
    CHECK(db.lead_versions() == valid.versions());
    CHECK(db.journal_rows() == static_cast<std::int64_t>(valid.events()));

    // Each poison record is in the DLQ with its reason and origin, once per projection.
    const auto dead = dead_letters(s);
    CHECK(dead.size() == poison_at.size() * projections.size());
    for (const auto& [offset, p] : poison_at) {
        for (const auto& projection : projections) {
            INFO(p->what << " at offset " << offset << " for " << projection);
            const auto found = dead.find({offset, projection});
            REQUIRE(found != dead.end());
            const auto& r = found->second;
            CHECK(header(r, "dlq_reason") == p->reason);
            CHECK(header(r, "dlq_error") != "<missing>");
            CHECK(header(r, "dlq_source_topic") == s.topic("crm"));
            CHECK(header(r, "dlq_source_partition") == std::to_string(p->record.partition));
            CHECK(r.key == tenant);
            CHECK(r.value == p->record.value);
        }
    }

    // The metric counts them by reason, summed over the projections.
    std::map<std::string, int> expected_counts;
    for (const auto& p : poisons) {
        expected_counts[p.reason] += static_cast<int>(projections.size());
    }
    std::map<std::string, int> counts;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (counts != expected_counts && std::chrono::steady_clock::now() < deadline) {
        try {
            counts = dead_letter_counts(metrics_port);
        } catch (const std::exception&) {
            // not listening yet
        }
        std::this_thread::sleep_for(100ms);
    }
    CHECK(counts == expected_counts);

    // `ventros tail` shows each with its reason and origin.
    const auto tailed = s.ventros({"tail", "--topic", "dlq", "--from-beginning", "--no-follow"});
    REQUIRE_MESSAGE(tailed.status == 0, tailed.output);
    std::map<std::int64_t, std::string> tailed_reasons;
    std::istringstream lines(tailed.output);
    for (std::string line; std::getline(lines, line);) {
        const auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_object() && event.contains("kafka")) {
            const auto& kafka = event.at("kafka");
            CHECK(kafka.value("dlq_source_topic", "") == s.topic("crm"));
            tailed_reasons[std::stoll(kafka.value("dlq_source_offset", "-1"))] =
                kafka.value("dlq_reason", "");
        }
    }
    std::map<std::int64_t, std::string> expected_reasons;
    for (const auto& [offset, p] : poison_at) {
        expected_reasons[offset] = p->reason;
    }
    CHECK(tailed_reasons == expected_reasons);
}

} // namespace ventros::fault
