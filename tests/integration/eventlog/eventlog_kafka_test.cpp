// Pins the eventlog contracts against the real broker at VENTROS_TEST_KAFKA.
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/group_consumer.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/partitioner.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/eventlog/transactional_producer.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace ventros::eventlog;
using namespace std::chrono_literals;

namespace {

constexpr int partitions = 6;

std::string random_hex() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> pick{0, 0xffffff};
    std::array<char, 16> text{};
    std::snprintf(text.data(), text.size(), "%06x", pick(device));
    return text.data();
}

// One prefix per run, so runs never see each other's topics.
const kafka_config& config() {
    static const kafka_config cfg = [] {
        const char* brokers = std::getenv("VENTROS_TEST_KAFKA");
        if (brokers == nullptr || *brokers == '\0') {
            FAIL("VENTROS_TEST_KAFKA is not set: point it at a broker, e.g. "
                 "VENTROS_TEST_KAFKA=127.0.0.1:19092 (scripts/kafka start)");
        }
        kafka_config c;
        c.bootstrap_servers = brokers;
        c.topic_prefix = "t" + random_hex() + ".";
        c.partitions = partitions;
        ensure_topics(c, 30s);
        return c;
    }();
    return cfg;
}

std::string crm() {
    return topics::with_prefix(config().topic_prefix).crm;
}

std::vector<partition_offset> all_from(const std::string& topic, std::int64_t offset) {
    std::vector<partition_offset> out;
    for (int p = 0; p < partitions; ++p) {
        out.push_back({topic, p, offset});
    }
    return out;
}

std::vector<record> read_all(const std::string& topic) {
    std::vector<record> seen;
    replay_to_end(
        config(), all_from(topic, 0), [&](const record& r) { seen.push_back(r); }, 20s);
    return seen;
}

// The coordinator writes commit/abort markers after commit_transaction returns, so the
// last stable offset (and the high watermark, which counts markers) catch up a moment
// later; read again until `count` records are visible.
std::vector<record> read_at_least(const std::string& topic, std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    auto seen = read_all(topic);
    while (seen.size() < count && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        seen = read_all(topic);
    }
    return seen;
}

std::vector<std::int64_t> high_watermarks_once_marked(const std::string& topic,
                                                      std::int32_t partition,
                                                      std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    auto marks = high_watermarks(config(), topic, 10s);
    while (marks[partition] < expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        marks = high_watermarks(config(), topic, 10s);
    }
    return marks;
}

std::vector<outgoing_record> keyed_batch(const std::string& topic, const std::string& tag,
                                         int count) {
    std::vector<outgoing_record> out;
    for (int i = 0; i < count; ++i) {
        const auto key = tag + "-tenant-" + std::to_string(i % 7);
        out.push_back({.topic = topic,
                       .partition = partition_for_key(key, partitions),
                       .key = key,
                       .value = "{\"i\":" + std::to_string(i) + ",\"tag\":\"" + tag + "\"}",
                       .hdrs = {{"ce_id", tag + "-" + std::to_string(i)},
                                {"content-type", "application/json"}}});
    }
    return out;
}

// Writes a transaction and aborts it, with the raw client (append() cannot leave one
// aborted with records in the log on purpose).
void write_aborted(const std::string& topic, std::int32_t partition, int count) {
    std::array<char, 512> reason{};
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
    REQUIRE(rd_kafka_conf_set(conf, "bootstrap.servers", config().bootstrap_servers.c_str(),
                              reason.data(), reason.size()) == RD_KAFKA_CONF_OK);
    const auto id = "aborter-" + random_hex();
    REQUIRE(rd_kafka_conf_set(conf, "transactional.id", id.c_str(), reason.data(), reason.size()) ==
            RD_KAFKA_CONF_OK);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason.data(), reason.size());
    REQUIRE(rk != nullptr);
    REQUIRE(rd_kafka_init_transactions(rk, 20000) == nullptr);
    REQUIRE(rd_kafka_begin_transaction(rk) == nullptr);
    for (int i = 0; i < count; ++i) {
        const std::string key = "aborted-" + std::to_string(i);
        REQUIRE(rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()),
                                  RD_KAFKA_V_PARTITION(partition),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                  RD_KAFKA_V_KEY(key.data(), key.size()),
                                  RD_KAFKA_V_VALUE(const_cast<char*>("{}"), 2),
                                  RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    REQUIRE(rd_kafka_flush(rk, 20000) == RD_KAFKA_RESP_ERR_NO_ERROR); // in the log now
    REQUIRE(rd_kafka_abort_transaction(rk, 20000) == nullptr);
    rd_kafka_destroy(rk);
}

} // namespace

TEST_CASE("ensure_topics is idempotent and creates every topic with the configured partitions") {
    ensure_topics(config(), 30s); // second time: already exists is success
    const auto names = topics::with_prefix(config().topic_prefix);
    for (const auto& t : {names.identity, names.crm, names.billing, names.privacy, names.dlq}) {
        CAPTURE(t);
        CHECK(partition_count(config(), t, 10s) == partitions);
    }
    CHECK_THROWS_AS(partition_count(config(), config().topic_prefix + "missing", 10s), kafka_error);
}

TEST_CASE("an appended batch reads back whole: keys, values, headers and offsets") {
    const auto topic = topics::with_prefix(config().topic_prefix).identity;
    transactional_producer producer{config(), "it-append-" + random_hex()};
    producer.init(20s);
    const auto batch = keyed_batch(topic, "a", 40);
    const auto where = producer.append(batch, 20s);
    REQUIRE(where.size() == batch.size());

    const auto seen = read_at_least(topic, batch.size());
    REQUIRE(seen.size() == batch.size());
    std::map<std::pair<std::int32_t, std::int64_t>, const record*> by_position;
    for (const auto& r : seen) {
        by_position[{r.partition, r.offset}] = &r;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        CAPTURE(i);
        CHECK(where[i].topic == topic);
        CHECK(where[i].partition == batch[i].partition);
        const auto it = by_position.find({where[i].partition, where[i].offset});
        REQUIRE(it != by_position.end());
        CHECK(it->second->key == batch[i].key);
        CHECK(it->second->value == batch[i].value);
        CHECK(it->second->hdrs == batch[i].hdrs);
        CHECK(it->second->timestamp_ms > 0);
    }
}

TEST_CASE("high watermarks move by the records appended plus one commit marker per partition") {
    const auto topic = topics::with_prefix(config().topic_prefix).billing;
    transactional_producer producer{config(), "it-marks-" + random_hex()};
    producer.init(20s);
    const auto before = high_watermarks(config(), topic, 10s);
    const auto batch = keyed_batch(topic, "m", 25);
    producer.append(batch, 20s);
    std::map<std::int32_t, std::int64_t> per_partition;
    for (const auto& r : batch) {
        ++per_partition[r.partition];
    }
    const auto touched = per_partition.begin()->first;
    // Wait for the markers to land in one touched partition; they are written together.
    const auto after =
        high_watermarks_once_marked(topic, touched, before[touched] + per_partition[touched] + 1);
    REQUIRE(after.size() == static_cast<std::size_t>(partitions));
    for (int p = 0; p < partitions; ++p) {
        CAPTURE(p);
        const auto appended = per_partition[p];
        // The commit marker is a record too: it takes one offset in each touched partition.
        CHECK(after[p] - before[p] == appended + (appended > 0 ? 1 : 0));
    }
}

TEST_CASE("a fenced producer fails fatally and its batch never becomes visible") {
    const auto topic = topics::with_prefix(config().topic_prefix).privacy;
    const auto id = "it-fence-" + random_hex();
    transactional_producer first{config(), id};
    first.init(20s);
    first.append(keyed_batch(topic, "before", 3), 20s);

    transactional_producer second{config(), id};
    second.init(20s); // fences `first`

    bool fatal = false;
    try {
        first.append(keyed_batch(topic, "fenced", 5), 20s);
    } catch (const kafka_error& e) {
        fatal = e.fatal();
        MESSAGE("fenced producer: ", std::string{e.what()});
    }
    CHECK(fatal);
    second.append(keyed_batch(topic, "winner", 2), 20s);

    const auto seen = read_at_least(topic, 5);
    std::set<std::string> tags;
    for (const auto& r : seen) {
        tags.insert(r.key.substr(0, r.key.find('-')));
    }
    CHECK(tags == std::set<std::string>{"before", "winner"});
}

TEST_CASE("replay skips aborted records and finishes when the log ends in an aborted transaction") {
    const auto topic = topics::with_prefix(config().topic_prefix).dlq;
    transactional_producer producer{config(), "it-abort-" + random_hex()};
    producer.init(20s);
    auto committed = keyed_batch(topic, "kept", 2);
    for (auto& r : committed) {
        r.partition = 0;
    }
    const auto where = producer.append(committed, 20s);
    write_aborted(topic, 0, 5);
    // Now partition 0 holds: 2 records, a commit marker, 5 aborted records, an abort marker.
    const auto expected_end = where.back().offset + 1 + 1 + 5 + 1;
    const auto end = high_watermarks_once_marked(topic, 0, expected_end)[0];
    CHECK(end == expected_end);

    std::vector<record> seen;
    const auto reached = replay_to_end(
        config(), all_from(topic, 0), [&](const record& r) { seen.push_back(r); }, 20s);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].key == committed[0].key);
    CHECK(seen[1].key == committed[1].key);
    CHECK(reached[0] == partition_offset{topic, 0, end});

    // Starting after the committed records: only markers and aborted records remain.
    std::vector<record> none;
    replay_to_end(
        config(), {{topic, 0, where.back().offset + 1}},
        [&](const record& r) { none.push_back(r); }, 20s);
    CHECK(none.empty());
}

TEST_CASE("a group member gets every partition and starts where on_assigned says") {
    const auto topic = crm();
    transactional_producer producer{config(), "it-group-" + random_hex()};
    producer.init(20s);
    auto batch = keyed_batch(topic, "g", 10);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].partition = i < 6 ? 3 : static_cast<std::int32_t>(i % partitions);
    }
    const auto where = producer.append(batch, 20s);
    const auto mid = where[2].offset;       // third record of partition 3
    const auto last_in_3 = where[9].offset; // 9 % 6 == 3

    std::vector<partition_offset> assigned;
    std::vector<partition_offset> revoked;
    group_consumer::callbacks cbs;
    cbs.on_assigned = [&](const std::vector<partition_offset>& given) {
        auto starts = given;
        for (auto& p : starts) {
            p.offset = p.partition == 3 ? mid : 0;
        }
        assigned.insert(assigned.end(), starts.begin(), starts.end());
        return starts;
    };
    cbs.on_revoked = [&](const std::vector<partition_offset>& given) {
        revoked.insert(revoked.end(), given.begin(), given.end());
    };
    group_consumer consumer{config(), "it-group-" + random_hex(), {topic}, cbs};

    std::map<std::int32_t, std::vector<std::int64_t>> offsets;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    std::size_t received = 0;
    high_watermarks_once_marked(topic, 3, last_in_3 + 2);
    const std::size_t expected = batch.size() - 2; // two records of partition 3 skipped
    while (received < expected && std::chrono::steady_clock::now() < deadline) {
        for (const auto& r : consumer.poll(100, 200ms)) {
            offsets[r.partition].push_back(r.offset);
            ++received;
        }
    }
    CHECK(assigned.size() == static_cast<std::size_t>(partitions));
    CHECK(received == expected);
    REQUIRE_FALSE(offsets[3].empty());
    CHECK(offsets[3].front() == mid);

    const auto ends = consumer.end_offsets(10s);
    CHECK(ends.size() == static_cast<std::size_t>(partitions));
    for (const auto& e : ends) {
        if (e.partition == 3) {
            CHECK(e.offset == last_in_3 + 2); // last record, then the commit marker
        }
    }
    consumer.close();
    CHECK(revoked.size() == static_cast<std::size_t>(partitions));
}
