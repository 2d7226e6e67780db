// Preloads `<prefix>crm` with lead events exactly as the gateway writes them: commands are
// decided against in-memory state with the domain's `decide`/`evolve`, stamped by the
// write side's `make_event_records` (CloudEvents headers, tenant key, murmur2 partition,
// Idempotency-Key and request fingerprint) and appended in large Kafka transactions.
// Usage: ventros_bench_preload --events N [--tenants 1000] [--brokers host:port]
//                              [--topic-prefix P] [--partitions 12] [--seed S]
// `--delete-topics` deletes the prefix's topics instead (clean-up after a benchmark).
// Tenants are bench-1..bench-<tenants> (the tenants of bench/wrk tokens files).
// Prints the counts and the topic's end offsets as one JSON line on stdout; progress on
// stderr.

#include "event_records.hpp"
#include "ventros/commands/project_seed.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/partitioner.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/eventlog/transactional_producer.hpp"

#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <cstdio>
#include <librdkafka/rdkafka.h>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace ventros;
using clock_type = std::chrono::steady_clock;

struct options {
    std::uint64_t events = 1'000'000;
    int tenants = 1000;
    std::string brokers = "127.0.0.1:19092";
    std::string topic_prefix = "ventros.";
    int partitions = 12;
    std::size_t transaction_records = 50'000;
    std::uint64_t seed = 42;
};

// One generated lead: where it lives and what the write side would hold for it.
struct lead_slot {
    int tenant = 0;
    domain::lead_state state;
};

struct counts {
    std::uint64_t events = 0, commands = 0, creates = 0, updates = 0, bant_answers = 0,
                  assignments = 0, qualified = 0, refused = 0, transactions = 0;
};

constexpr std::array sources{domain::lead_source::whatsapp, domain::lead_source::web,
                             domain::lead_source::email,    domain::lead_source::phone,
                             domain::lead_source::import,   domain::lead_source::api,
                             domain::lead_source::referral, domain::lead_source::event};
constexpr std::array companies{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"};
constexpr std::array needs{"automação de vendas", "qualificação de leads", "conversão",
                           "CRM simples",         "automação e conversão", "relatórios"};

class generator {
public:
    explicit generator(const options& o) : o_(o), random_(o.seed) {
        for (int t = 1; t <= o.tenants; ++t) {
            tenants_.emplace_back("bench-" + std::to_string(t));
        }
        topics_ = eventlog::topics::with_prefix(o.topic_prefix);
    }

    /// The records that open every tenant's project (tenants must exist before commands).
    std::vector<eventlog::outgoing_record> openings() const {
        std::vector<eventlog::outgoing_record> records;
        for (const auto& tenant : tenants_) {
            auto opening = commands::project_opening_records(
                tenant.str(), "preloader", commands::unlimited_plan(), topics_, o_.partitions);
            std::ranges::move(opening, std::back_inserter(records));
        }
        return records;
    }

    /// Appends the events of one command to `out`; returns false when `decide` refused it.
    bool next(std::vector<eventlog::outgoing_record>& out) {
        const auto roll = pick(100);
        if (leads_.empty() || roll < 45) {
            return create(out);
        }
        // Follow-ups go to a recent lead, as real traffic does.
        const auto window = std::min<std::size_t>(leads_.size(), 50'000);
        auto& lead = leads_[leads_.size() - 1 - pick(window)];
        if (roll < 68) {
            ++counts_.updates;
            domain::update_lead u{.id = lead.state.id};
            u.company = std::optional<std::string>(companies[pick(companies.size())]);
            u.tags = std::vector<std::string>{"wave-" + std::to_string(pick(20))};
            if (lead.state.stage == domain::lead_stage::new_lead && pick(2) == 0) {
                u.stage = domain::lead_stage::contacted;
            }
            return decided(lead, domain::lead_command{std::move(u)}, R"({"company":"x"})", out);
        }
        if (roll < 86) {
            ++counts_.bant_answers;
            domain::answer_bant b{.id = lead.state.id};
            b.answers.budget = static_cast<domain::budget_answer>(pick(4));
            b.answers.authority = static_cast<domain::authority_answer>(pick(3));
            b.answers.need = std::string(needs[pick(needs.size())]);
            b.answers.timeline = static_cast<domain::timeline_answer>(pick(4));
            return decided(lead, domain::lead_command{std::move(b)}, R"({"budget":"x"})", out);
        }
        ++counts_.assignments;
        domain::assign_lead a{.id = lead.state.id,
                              .agent = domain::user_id("agent-" + std::to_string(pick(25))),
                              .agent_role = domain::role::agent};
        return decided(lead, domain::lead_command{std::move(a)}, R"({"agent":"x"})", out);
    }

    counts& totals() noexcept { return counts_; }
    std::size_t lead_count() const noexcept { return leads_.size(); }

private:
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

    bool create(std::vector<eventlog::outgoing_record>& out) {
        ++counts_.creates;
        const auto n = leads_.size();
        domain::create_lead c{.id = domain::lead_id(commands::new_uuid_v7()),
                              .name = "Lead " + std::to_string(n),
                              .source = sources[pick(sources.size())]};
        c.email = "lead" + std::to_string(n) + "@example.com";
        if (pick(2) == 0) {
            c.phone = "+5511" + std::to_string(900'000'000 + n);
        }
        c.tags = {"bench"};
        lead_slot slot{.tenant = static_cast<int>(pick(tenants_.size()))};
        if (!decided(slot, domain::lead_command{std::move(c)}, R"({"name":"x"})", out)) {
            return false;
        }
        leads_.push_back(std::move(slot));
        return true;
    }

    // Decides `command` against the lead (new when it has no events yet) as the gateway's
    // writer would, appends the stamped records to `out` and evolves the lead.
    bool decided(lead_slot& lead, const domain::lead_command& command, std::string_view body,
                 std::vector<eventlog::outgoing_record>& out) {
        std::optional<domain::lead_state> before;
        if (lead.state.version > 0) {
            before = lead.state;
        }
        commands::write_request request;
        request.context = {.tenant = tenants_[lead.tenant],
                           .actor = domain::user_id("bench-admin"),
                           .actor_role = domain::role::admin,
                           .now = std::chrono::time_point_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now())};
        auto events = domain::decide(command, before, request.context);
        if (!events) {
            ++counts_.refused;
            return false;
        }
        ++counts_.commands;
        request.idempotency_key = "preload-" + std::to_string(counts_.commands);
        const auto target = "/v1/tenants/" + request.context.tenant.str() + "/leads/" +
                            domain::subject_of(command).str();
        request.request_hash = commands::request_fingerprint("POST", target, body);
        request.request_id = commands::new_uuid_v7();
        std::optional<domain::lead_state> state = before;
        std::vector<commands::decided_event> decided;
        for (const auto& e : *events) {
            state = domain::evolve(state, e);
            counts_.qualified += std::holds_alternative<domain::lead_qualified>(e) ? 1U : 0U;
            decided.push_back({e, state->version});
        }
        const auto partition =
            eventlog::partition_for_key(request.context.tenant.str(), o_.partitions);
        auto records = commands::make_event_records(request, decided, request.idempotency_key,
                                                    topics_, partition);
        counts_.events += records.size();
        for (auto& r : records) {
            out.push_back(std::move(r));
        }
        lead.state = std::move(*state);
        return true;
    }

    const options& o_;
    std::mt19937_64 random_;
    std::vector<domain::tenant_id> tenants_;
    std::vector<lead_slot> leads_;
    eventlog::topics topics_;
    counts counts_;
};

// Appends one transaction; an aborted one (e.g. the broker restarted meanwhile) is tried
// again, up to 5 times. A commit of unknown outcome is not retried: that could duplicate.
void append_with_retries(eventlog::transactional_producer& producer,
                         const std::vector<eventlog::outgoing_record>& records) {
    for (int attempt = 1;; ++attempt) {
        try {
            producer.append(records, std::chrono::seconds(120));
            return;
        } catch (const eventlog::kafka_error& e) {
            if (!e.retriable() || attempt == 5) {
                throw;
            }
            std::fprintf(stderr, "preload: transaction aborted (%s), retrying\n", e.what());
            std::this_thread::sleep_for(std::chrono::seconds(2));
        }
    }
}

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Deletes the deployment's topics (a benchmark's clean-up); missing topics are fine.
int delete_topics(const options& o) {
    const auto names = eventlog::topics::with_prefix(o.topic_prefix);
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", o.brokers.c_str(), error, sizeof error) !=
        RD_KAFKA_CONF_OK) {
        throw std::runtime_error(error);
    }
    rd_kafka_t* client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (client == nullptr) {
        throw std::runtime_error(error);
    }
    std::vector<rd_kafka_DeleteTopic_t*> topics;
    for (const auto* name :
         {&names.identity, &names.crm, &names.billing, &names.privacy, &names.dlq}) {
        topics.push_back(rd_kafka_DeleteTopic_new(name->c_str()));
    }
    rd_kafka_queue_t* queue = rd_kafka_queue_new(client);
    rd_kafka_DeleteTopics(client, topics.data(), topics.size(), nullptr, queue);
    rd_kafka_event_t* done = rd_kafka_queue_poll(queue, 30'000);
    int failures = done == nullptr ? 1 : 0;
    if (done != nullptr) {
        std::size_t n = 0;
        const auto* results =
            rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(done), &n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto err = rd_kafka_topic_result_error(results[i]);
            if (err != RD_KAFKA_RESP_ERR_NO_ERROR &&
                err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
                std::fprintf(stderr, "deleting %s: %s\n", rd_kafka_topic_result_name(results[i]),
                             rd_kafka_err2str(err));
                ++failures;
            }
        }
        rd_kafka_event_destroy(done);
    }
    rd_kafka_DeleteTopic_destroy_array(topics.data(), topics.size());
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(client);
    return failures == 0 ? 0 : 1;
}

int run(const options& o) {
    eventlog::kafka_config kafka{.bootstrap_servers = o.brokers,
                                 .topic_prefix = o.topic_prefix,
                                 .partitions = o.partitions,
                                 .extra = {{"linger.ms", "20"},
                                           {"batch.size", "1000000"},
                                           {"queue.buffering.max.messages", "1000000"}}};
    eventlog::ensure_topics(kafka, std::chrono::seconds(30));
    eventlog::transactional_producer producer(kafka, "bench-preload-" + commands::new_uuid_v7());
    producer.init(std::chrono::seconds(30));

    generator gen(o);
    append_with_retries(producer, gen.openings());
    const auto started = clock_type::now();
    // Generation of the next batch overlaps the append of the previous one.
    std::vector<eventlog::outgoing_record> batch;
    std::jthread appender;
    std::exception_ptr append_failure;
    auto flush = [&](std::vector<eventlog::outgoing_record> records) {
        if (appender.joinable()) {
            appender.join();
        }
        if (append_failure) {
            std::rethrow_exception(append_failure);
        }
        ++gen.totals().transactions;
        appender = std::jthread([&producer, &append_failure, records = std::move(records)] {
            try {
                append_with_retries(producer, records);
            } catch (...) {
                append_failure = std::current_exception();
            }
        });
    };
    while (gen.totals().events < o.events) {
        gen.next(batch);
        if (batch.size() >= o.transaction_records) {
            flush(std::move(batch));
            batch = {};
            batch.reserve(o.transaction_records + 4);
            std::fprintf(stderr, "preload: %llu events, %.1f s\n",
                         static_cast<unsigned long long>(gen.totals().events),
                         seconds_since(started));
        }
    }
    if (!batch.empty()) {
        flush(std::move(batch));
    }
    appender.join();
    if (append_failure) {
        std::rethrow_exception(append_failure);
    }
    const double seconds = seconds_since(started);
    const auto& c = gen.totals();
    std::string end_offsets;
    for (const auto hw :
         eventlog::high_watermarks(kafka, o.topic_prefix + "crm", std::chrono::seconds(30))) {
        end_offsets += (end_offsets.empty() ? "" : ",") + std::to_string(hw);
    }
    std::printf(
        "{\"events\": %llu, \"leads\": %zu, \"commands\": %llu, \"creates\": %llu, "
        "\"updates\": %llu, \"bant_answers\": %llu, \"assignments\": %llu, "
        "\"qualified\": %llu, \"refused\": %llu, \"transactions\": %llu, "
        "\"seconds\": %.3f, \"events_per_second\": %.0f, \"end_offsets\": [%s]}\n",
        static_cast<unsigned long long>(c.events), gen.lead_count(),
        static_cast<unsigned long long>(c.commands), static_cast<unsigned long long>(c.creates),
        static_cast<unsigned long long>(c.updates), static_cast<unsigned long long>(c.bant_answers),
        static_cast<unsigned long long>(c.assignments),
        static_cast<unsigned long long>(c.qualified), static_cast<unsigned long long>(c.refused),
        static_cast<unsigned long long>(c.transactions), seconds,
        static_cast<double>(c.events) / seconds, end_offsets.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    CLI::App app{"Preload lead events into <prefix>crm as the gateway writes them"};
    app.add_option("--events", o.events, "events to write (at least)");
    app.add_option("--tenants", o.tenants, "tenants bench-1..bench-N")
        ->check(CLI::Range(1, 1'000'000));
    app.add_option("--brokers", o.brokers, "Kafka bootstrap servers")
        ->envname("VENTROS_KAFKA_BROKERS");
    app.add_option("--topic-prefix", o.topic_prefix, "prefix of the Ventros topics")
        ->envname("VENTROS_TOPIC_PREFIX");
    app.add_option("--partitions", o.partitions, "partitions per topic")
        ->envname("VENTROS_PARTITIONS");
    app.add_option("--transaction-records", o.transaction_records, "records per transaction");
    app.add_option("--seed", o.seed, "random seed");
    bool delete_only = false;
    app.add_flag("--delete-topics", delete_only, "only delete the prefix's topics (clean-up)");
    CLI11_PARSE(app, argc, argv);
    try {
        return delete_only ? delete_topics(o) : run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "preload failed: %s\n", e.what());
        return 1;
    }
}
