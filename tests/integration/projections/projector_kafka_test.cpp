// Pins the projector against real Kafka and PostgreSQL: produced lead events become the
// rows their aggregates imply, poison records go to the DLQ with their origin while the
// projector moves on, and a rebuild gives identical rows and swaps under live traffic.
#include "lead_events_fixture.hpp"
#include "pg_database.hpp"
#include "ventros/domain/crm_codec.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/partitioner.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/projections/projector.hpp"
#include "ventros/projections/rebuild.hpp"
#include "ventros/projections/registry.hpp"
#include "ventros/projections/schema_migrator.hpp"

#include <doctest/doctest.h>
#include <map>
#include <random>
#include <set>
#include <thread>

using namespace ventros;
using namespace std::chrono_literals;
using test::ordered_uuid;

namespace {

constexpr int partitions = 3;

eventlog::kafka_config unique_kafka() {
    const char* brokers = std::getenv("VENTROS_TEST_KAFKA");
    if (brokers == nullptr || *brokers == '\0') {
        FAIL("VENTROS_TEST_KAFKA is not set: point it at a broker, e.g. "
             "VENTROS_TEST_KAFKA=127.0.0.1:19092 (scripts/kafka start)");
    }
    eventlog::kafka_config c;
    c.bootstrap_servers = brokers;
    c.topic_prefix = "tproj" + std::to_string(std::random_device{}() % 1000000) + ".";
    c.partitions = partitions;
    eventlog::ensure_topics(c, 30s);
    return c;
}

using lead_key = std::pair<std::string, std::string>; // tenant, lead id

/// Builds lead histories with the real domain and appends them in transactions.
class event_writer {
public:
    explicit event_writer(const eventlog::kafka_config& kafka)
        : kafka_(kafka), producer_(kafka, "test-" + kafka.topic_prefix) {
        producer_.init(30s);
    }

    /// Creates `count` leads per tenant and moves them through qualification,
    /// assignment, conversion or loss; returns where the last record landed.
    void write_leads(const std::vector<std::string>& tenants, int count) {
        std::vector<eventlog::outgoing_record> records;
        for (const auto& tenant : tenants) {
            for (int i = 0; i < count; ++i) {
                const auto id = domain::lead_id(ordered_uuid(++leads_));
                decide(records, tenant,
                       domain::create_lead{id,
                                           "Lead " + std::to_string(leads_),
                                           "lead" + std::to_string(leads_) + "@ex.com",
                                           std::nullopt,
                                           std::nullopt,
                                           domain::lead_source::web,
                                           std::nullopt,
                                           {"t"},
                                           {}});
                domain::bant_answers answers;
                answers.budget = i % 2 == 0 ? domain::budget_answer::above_10000
                                            : domain::budget_answer::under_1000;
                answers.authority = domain::authority_answer::decision_maker;
                decide(records, tenant, domain::answer_bant{id, answers});
                decide(records, tenant,
                       domain::assign_lead{id, domain::user_id("agent-" + std::to_string(i % 3)),
                                           domain::role::agent});
                if (i % 4 == 0) {
                    decide(
                        records, tenant,
                        domain::convert_lead{id, domain::deal_id(ordered_uuid(leads_, 8)), false});
                } else if (i % 4 == 1) {
                    decide(records, tenant, domain::mark_lead_lost{id, "no budget"});
                }
            }
        }
        append(records);
    }

    void append(const std::vector<eventlog::outgoing_record>& records) {
        for (std::size_t from = 0; from < records.size(); from += 500) {
            const auto n = std::min<std::size_t>(500, records.size() - from);
            for (const auto& p : producer_.append(std::span(records).subspan(from, n), 30s)) {
                auto& at = written_[{p.topic, p.partition}];
                at = std::max(at, p.offset + 1);
            }
        }
    }

    eventlog::outgoing_record raw(const std::string& tenant, eventlog::headers hdrs,
                                  std::string value) const {
        return {kafka_.topic_prefix + "crm", eventlog::partition_for_key(tenant, partitions),
                tenant, std::move(value), std::move(hdrs)};
    }

    const std::map<lead_key, domain::lead_state>& states() const { return states_; }
    const std::map<std::pair<std::string, std::int32_t>, std::int64_t>& written() const {
        return written_;
    }
    std::size_t events() const { return events_; }

private:
    void decide(std::vector<eventlog::outgoing_record>& out, const std::string& tenant,
                const domain::lead_command& command) {
        const lead_key key{tenant, domain::subject_of(command).str()};
        std::optional<domain::lead_state> state;
        if (const auto found = states_.find(key); found != states_.end()) {
            state = found->second;
        }
        const domain::command_context context{
            domain::tenant_id(tenant), domain::user_id("admin"), domain::role::admin,
            domain::timestamp(std::chrono::milliseconds(1'770'000'000'000 + ++ticks_))};
        const auto events = domain::decide(command, state, context);
        REQUIRE(events.has_value());
        for (const auto& e : *events) {
            state = domain::evolve(state, e);
            eventlog::cloud_event_attributes a;
            a.id = ordered_uuid(++ids_, 4);
            a.type = std::string(domain::event_type(e));
            a.time = domain::format_rfc3339(context.now);
            a.subject = "leads/" + key.second;
            a.dataschema = std::string(domain::event_schema(e));
            a.tenant_id = tenant;
            a.aggregate_id = key.second;
            a.aggregate_version = state->version;
            a.command_id = a.id;
            a.correlation_id = a.id;
            a.causation_id = a.id;
            a.actor = "admin";
            out.push_back(raw(tenant, eventlog::encode_headers(a), domain::encode_json(e)));
            ++events_;
        }
        states_[key] = *state;
    }

    const eventlog::kafka_config& kafka_;
    eventlog::transactional_producer producer_;
    std::map<lead_key, domain::lead_state> states_;
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> written_;
    std::uint64_t leads_ = 0, ids_ = 0;
    std::int64_t ticks_ = 0;
    std::size_t events_ = 0;
};

struct world {
    test::pg_database db;
    eventlog::kafka_config kafka = unique_kafka();
    telemetry::metrics metrics;
    event_writer writer{kafka};
    std::jthread runner;

    world() {
        projections::apply_migrations(db.conninfo(), test::migrations_dir(),
                                      telemetry::logger{"projector-test"});
    }

    void start_projector() {
        projections::projector_options options;
        options.conninfo = db.conninfo("ventros_projector");
        options.kafka = kafka;
        options.group_id = "ventros-projector-" + kafka.topic_prefix;
        runner = std::jthread([this, options](std::stop_token stop) {
            projections::projector p(options, projections::all_projections(), metrics);
            p.run(stop);
        });
    }

    /// Waits until the leads checkpoints cover everything written so far.
    void wait_caught_up() {
        pqxx::connection conn(db.conninfo());
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        for (;;) {
            bool done = true;
            {
                pqxx::read_transaction tx(conn);
                for (const auto& [where, next] : writer.written()) {
                    const auto row = tx.exec_params(
                        "SELECT next_offset FROM projection_checkpoints WHERE projection = "
                        "'leads' AND topic = $1 AND partition = $2",
                        where.first, where.second);
                    done = done && !row.empty() && row[0][0].as<std::int64_t>() >= next;
                }
            }
            if (done) {
                return;
            }
            REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                            "projector did not catch up within 60 s");
            std::this_thread::sleep_for(100ms);
        }
    }

    std::string checksum() {
        pqxx::connection conn(db.conninfo());
        pqxx::read_transaction tx(conn);
        return tx
            .exec1("SELECT (SELECT md5(string_agg(l::text, '|' ORDER BY tenant_id, lead_id)) "
                   "FROM leads l) || (SELECT md5(string_agg(e::text, '|' ORDER BY tenant_id, "
                   "lead_id, version)) FROM lead_events e)")[0]
            .as<std::string>();
    }

    void check_rows_match_domain() {
        pqxx::connection conn(db.conninfo());
        pqxx::read_transaction tx(conn);
        CHECK(tx.exec1("SELECT count(*) FROM leads")[0].as<std::size_t>() ==
              writer.states().size());
        CHECK(tx.exec1("SELECT count(*) FROM lead_events")[0].as<std::size_t>() == writer.events());
        for (const auto& [key, state] : writer.states()) {
            const auto row = tx.exec_params(
                "SELECT stage, score, version, assigned_to FROM leads WHERE tenant_id = $1 AND "
                "lead_id = $2::uuid",
                key.first, key.second);
            REQUIRE(row.size() == 1);
            CHECK(row[0][0].as<std::string>() == domain::to_string(state.stage));
            CHECK(row[0][1].as<int>() == state.score);
            CHECK(row[0][2].as<std::uint32_t>() == state.version);
            CHECK(row[0][3].as<std::string>() == state.assigned_to->str());
        }
    }
};

std::vector<eventlog::record> read_dlq(const eventlog::kafka_config& kafka, std::size_t count) {
    eventlog::log_reader reader(kafka);
    std::vector<eventlog::partition_offset> from;
    for (int p = 0; p < partitions; ++p) {
        from.push_back({kafka.topic_prefix + "dlq", p, 0});
    }
    reader.assign(from);
    std::vector<eventlog::record> seen;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (seen.size() < count && std::chrono::steady_clock::now() < deadline) {
        for (auto& r : reader.poll(100, 200ms)) {
            seen.push_back(std::move(r));
        }
    }
    return seen;
}

std::string header(const eventlog::record& r, std::string_view key) {
    const auto value = eventlog::find_header(r.hdrs, key);
    return value ? std::string(*value) : std::string("<missing>");
}

} // namespace

TEST_CASE("produced lead events become the rows their aggregates imply") {
    world w;
    w.writer.write_leads({"tenant-a", "tenant-b", "tenant-c", "tenant-d"}, 25);
    w.start_projector();
    w.wait_caught_up();
    w.check_rows_match_domain();

    // More traffic while it runs is applied too.
    w.writer.write_leads({"tenant-a", "tenant-e"}, 10);
    w.wait_caught_up();
    w.check_rows_match_domain();
}

TEST_CASE("poison records go to the DLQ with their origin and the projector moves on") {
    world w;
    w.writer.write_leads({"tenant-a"}, 3);
    eventlog::cloud_event_attributes a;
    a.id = ordered_uuid(777, 4);
    a.type = "ventros.crm.lead.created.v1";
    a.time = "2026-03-01T10:00:00.000Z";
    a.subject = "leads/x";
    a.tenant_id = "tenant-a";
    a.aggregate_id = ordered_uuid(777);
    a.aggregate_version = 1;
    auto unknown = a;
    unknown.type = "ventros.crm.thing.happened.v1";
    const std::vector<eventlog::outgoing_record> poison = {
        w.writer.raw("tenant-a", {{"content-type", "application/json"}}, "{}"),
        w.writer.raw("tenant-a", eventlog::encode_headers(a), "{\"name\": 5}"),
        w.writer.raw("tenant-a", eventlog::encode_headers(unknown), "{}"),
    };
    w.writer.append(poison);
    w.writer.write_leads({"tenant-a"}, 3); // after the poison: must still be applied
    w.start_projector();
    w.wait_caught_up();
    w.check_rows_match_domain();

    // Every projection that reads the crm topic dead-letters each poison record once.
    std::set<std::pair<std::string, std::string>> expected;
    for (const auto& p : projections::all_projections()) {
        const auto topics = p->topics();
        if (std::ranges::find(topics, "crm") == topics.end()) {
            continue;
        }
        for (const auto* reason : {"undecodable_headers", "bad_body", "unknown_type"}) {
            expected.emplace(p->name(), reason);
        }
    }
    const auto dead = read_dlq(w.kafka, expected.size());
    REQUIRE(dead.size() == expected.size());
    std::set<std::pair<std::string, std::string>> reasons;
    for (const auto& r : dead) {
        reasons.emplace(header(r, "dlq_projection"), header(r, "dlq_reason"));
        CHECK(header(r, "dlq_source_topic") == w.kafka.topic_prefix + "crm");
        CHECK(header(r, "dlq_source_partition") ==
              std::to_string(eventlog::partition_for_key("tenant-a", partitions)));
        CHECK(header(r, "dlq_source_offset") != "<missing>");
        CHECK(r.key == "tenant-a");
    }
    CHECK(reasons == expected);
    // The projector counts a dead letter after its DLQ transaction commits, so the count
    // may trail the records this test just read.
    const auto counted = [&] {
        return w.metrics.serialize().find("ventros_projector_dead_letters_total") !=
               std::string::npos;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!counted() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(counted());
}

TEST_CASE("a rebuild gives identical rows and swaps under a running projector") {
    world w;
    w.writer.write_leads({"tenant-a", "tenant-b", "tenant-c"}, 30);
    w.start_projector();
    w.wait_caught_up();
    const auto live = w.checksum();

    std::vector<projections::rebuild_progress> seen;
    const auto result = projections::rebuild_projection(
        "leads", w.db.conninfo(), w.kafka,
        [&](const projections::rebuild_progress& p) { seen.push_back(p); });
    CHECK(result.events == w.writer.events());
    CHECK(result.dead_letters == 0);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().phase == "swapped");
    CHECK(w.checksum() == live);

    {
        pqxx::connection conn(w.db.conninfo());
        pqxx::read_transaction tx(conn);
        CHECK(tx.exec1("SELECT count(*) FROM pg_indexes WHERE tablename = 'leads' AND indexname "
                       "IN ('leads_pkey', 'leads_stage_idx', 'leads_search_idx')")[0]
                  .as<int>() == 3);
        CHECK(tx.exec1("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'leads'")[0]
                  .as<bool>());
        CHECK(tx.exec1("SELECT count(*) FROM pg_class WHERE relname LIKE '%_rebuild' OR relname "
                       "LIKE '%_old'")[0]
                  .as<int>() == 0);
    }

    // The live projector keeps writing, now into the swapped tables.
    w.writer.write_leads({"tenant-a", "tenant-d"}, 5);
    w.wait_caught_up();
    w.check_rows_match_domain();
}

namespace {

/// Pipelines and deals of each tenant as raw crm records: a pipeline with a stage added,
/// then deals created, moved, and won or lost.
std::vector<eventlog::outgoing_record> sales_records(const event_writer& writer,
                                                     const std::vector<std::string>& tenants) {
    std::vector<eventlog::outgoing_record> out;
    std::uint64_t n = 0;
    const auto add = [&](const std::string& tenant, std::uint32_t version,
                         const domain::crm_event& e) {
        eventlog::cloud_event_attributes a;
        a.id = ordered_uuid(++n, 4);
        a.type = std::string(domain::event_type(e));
        a.time = "2026-03-01T10:00:00.000Z";
        a.subject = std::string(domain::collection_of(domain::kind_of(e))) + "/" +
                    domain::aggregate_id_of(e);
        a.tenant_id = tenant;
        a.aggregate_id = domain::aggregate_id_of(e);
        a.aggregate_version = version;
        a.actor = "admin";
        out.push_back(writer.raw(tenant, eventlog::encode_headers(a), domain::encode_json(e)));
    };
    for (const auto& tenant : tenants) {
        const domain::pipeline_id pipeline(ordered_uuid(++n, 9));
        add(tenant, 1, domain::default_pipeline(pipeline));
        add(tenant, 2, domain::pipeline_stage_added{pipeline, {"won-back", "Won back", 90}, 0});
        for (int i = 0; i < 10; ++i) {
            const domain::deal_id deal(ordered_uuid(++n, 8));
            add(tenant, 1,
                domain::deal_created{.id = deal,
                                     .title = "Deal " + std::to_string(i),
                                     .value = {1000 * (i + 1), i % 2 == 0 ? "BRL" : "USD"},
                                     .pipeline = pipeline,
                                     .stage = "prospecting",
                                     .probability = 10,
                                     .owner = domain::user_id("agent-1")});
            add(tenant, 2, domain::deal_stage_moved{deal, "prospecting", "proposal", 50, false});
            if (i % 3 == 0) {
                add(tenant, 3, domain::deal_won{deal, {5000, "BRL"}});
            } else if (i % 3 == 1) {
                add(tenant, 3, domain::deal_lost{deal, "price"});
            }
        }
    }
    return out;
}

std::string sales_checksum(const test::pg_database& db) {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    return tx
        .exec1("SELECT (SELECT md5(string_agg(p::text, '|' ORDER BY p::text)) FROM pipelines p) "
               "|| (SELECT md5(string_agg(d::text, '|' ORDER BY d::text)) FROM deals d) "
               "|| (SELECT md5(string_agg(e::text, '|' ORDER BY e::text)) FROM deal_events e)")[0]
        .as<std::string>();
}

} // namespace

TEST_CASE("rebuilds of deals and of pipelines give the rows the live projector wrote") {
    world w;
    const auto records = sales_records(w.writer, {"tenant-a", "tenant-b"});
    w.writer.append(records);
    w.start_projector();
    w.wait_caught_up(); // every projection commits its checkpoints in the same transaction
    const auto live = sales_checksum(w.db);
    {
        pqxx::connection conn(w.db.conninfo());
        pqxx::read_transaction tx(conn);
        CHECK(tx.exec1("SELECT count(*) FROM pipelines")[0].as<int>() == 2);
        CHECK(tx.exec1("SELECT count(*) FROM deals")[0].as<int>() == 20);
        CHECK(tx.exec1("SELECT count(*) FROM deals WHERE status = 'won'")[0].as<int>() == 8);
        CHECK(tx.exec1("SELECT count(*) FROM deal_events")[0].as<std::size_t>() ==
              records.size() - 4);
    }
    for (const auto* name : {"deals", "pipelines"}) {
        CAPTURE(name);
        const auto result = projections::rebuild_projection(name, w.db.conninfo(), w.kafka, {});
        CHECK(result.events == records.size());
        CHECK(result.dead_letters == 0);
        CHECK(sales_checksum(w.db) == live);
    }
}

TEST_CASE("a rebuild while commands keep arriving loses and duplicates nothing") {
    world w;
    w.writer.write_leads({"tenant-a", "tenant-b"}, 20);
    w.start_projector();
    std::jthread traffic([&] {
        for (int round = 0; round < 10; ++round) {
            w.writer.write_leads({"tenant-c", "tenant-d"}, 3);
            std::this_thread::sleep_for(50ms);
        }
    });
    projections::rebuild_projection("leads", w.db.conninfo(), w.kafka, {});
    traffic.join();
    w.wait_caught_up();
    w.check_rows_match_domain();
}

TEST_CASE("a rebuild of an unknown projection is refused") {
    CHECK_THROWS_AS(projections::rebuild_projection("nope", "", eventlog::kafka_config{}, {}),
                    std::invalid_argument);
}
