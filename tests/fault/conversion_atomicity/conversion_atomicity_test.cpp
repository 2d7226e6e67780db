// Pins issue 4 on the real broker: a lead's conversion appends deal.created and
// lead.converted in one Kafka transaction, so when that transaction is aborted neither
// event is visible to a read_committed reader, the client's retry (same Idempotency-Key)
// converts the lead exactly once, and the read models link each lead to one deal.
//
// The fault: while clients convert leads, the test pauses the gateway (SIGSTOP) at random
// moments. When its writer has a transaction whose records are appended but not
// committed, the test initialises the writer's transactional ids with a producer of its
// own, as a second gateway would: the coordinator fences the writer and aborts that
// transaction. Resumed, the writer fails the commit, answers the batch with 503s,
// reconnects (fencing the test's producer in turn) and re-reads the log; the clients
// retry. That fails real transactions on the real broker without stopping it, which other
// tests share. librdkafka's mock cluster serves for error injection only (see
// write_service_mock_test): its 2.0.2 version does not filter aborted records for
// read_committed consumers, so only the real broker shows what those readers see. A
// read_uncommitted read proves the aborted transactions did carry conversions.
#include "ventros/commands/write_service.hpp"
#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/partitioner.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/fault/crm_log.hpp"
#include "ventros/fault/lead_client.hpp"
#include "ventros/fault/lead_traffic.hpp"
#include "ventros/fault/log_checks.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <functional>
#include <random>
#include <signal.h>
#include <thread>

namespace ventros::fault {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

constexpr auto deal_created = "ventros.crm.deal.created.v1";
constexpr auto lead_converted = "ventros.crm.lead.converted.v1";

/// One shard: every transaction of the gateway runs on the transactional ids fenced.
constexpr int writer_shards = 1;
constexpr int transaction_lanes = 2;
constexpr int tenants_per_round = 6;
constexpr int leads_per_tenant = 15;
/// Rounds of fresh leads until one fence has aborted a transaction carrying conversions.
constexpr int max_rounds = 4;
/// Fences of one round; after these the remaining conversions go through undisturbed.
constexpr int fences_per_round = 3;
/// Longer than any answer may take: hitting it means the gateway hung.
constexpr auto client_timeout = 10s;
/// How long a client keeps retrying one command through the fences.
constexpr auto patience = 60s;

/// A deal as the tests track it: its tenant and its id.
using deal_ref = std::pair<std::string, std::string>;

/// A conversion as its client saw it.
struct conversion {
    lead_ref lead;
    std::string key; ///< Idempotency-Key, and so the command id of its events
    answer final;
    std::string deal_id; ///< from a 201
};

/// Runs `work(i)` for every i < n on a thread each; returns what those that threw said.
std::vector<std::string> run_in_parallel(std::size_t n,
                                         const std::function<void(std::size_t)>& work) {
    std::vector<std::string> errors(n);
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < n; ++i) {
            threads.emplace_back([&, i] {
                try {
                    work(i);
                } catch (const std::exception& e) {
                    errors[i] = e.what();
                }
            });
        }
    }
    std::erase(errors, std::string{});
    return errors;
}

/// Sends `r` with key `key` until answered; throws unless the answer is a 2xx.
testing::http_reply acknowledged(const lead_client& client, lead_request r,
                                 const std::string& key) {
    r.idempotency_key = key;
    const auto a = client.send_until_answered(r, clock::now() + patience);
    if (a.reply.status / 100 != 2) {
        throw std::runtime_error(key + ": " + std::to_string(a.reply.status) + " " + a.reply.body);
    }
    return a.reply;
}

/// Creates and qualifies `leads_per_tenant` leads in each tenant, a client thread per
/// tenant; adds the keys of those commands to `keys`.
std::vector<lead_ref> qualified_leads(const lead_client& client,
                                      const std::vector<std::string>& tenants,
                                      std::set<std::string>& keys) {
    std::vector<std::vector<lead_ref>> by_tenant(tenants.size());
    const auto errors = run_in_parallel(tenants.size(), [&](std::size_t t) {
        const auto& tenant = tenants[t];
        for (int i = 0; i < leads_per_tenant; ++i) {
            const auto label = tenant + "-" + std::to_string(i);
            const auto created =
                acknowledged(client, create_lead(tenant, label), "create-" + label);
            const auto body = created.json();
            const auto id = body.at("id").get<std::string>();
            acknowledged(client, qualify_lead(tenant, id), "qualify-" + label);
            by_tenant[t].push_back({tenant, id});
        }
    });
    REQUIRE_MESSAGE(errors.empty(), first_or_none(errors));
    std::vector<lead_ref> leads;
    for (std::size_t t = 0; t < tenants.size(); ++t) {
        for (int i = 0; i < leads_per_tenant; ++i) {
            const auto label = tenants[t] + "-" + std::to_string(i);
            keys.insert("create-" + label);
            keys.insert("qualify-" + label);
        }
        std::ranges::copy(by_tenant[t], std::back_inserter(leads));
    }
    return leads;
}

/// Initialises the gateway writer's transactional ids (as configured by the test) with a
/// producer of our own: the coordinator fences the writer and aborts its open transaction.
void fence_writer(const testing::stack& s) {
    commands::write_service_config writer;
    writer.kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
    writer.kafka.topic_prefix = s.prefix();
    writer.shards = writer_shards;
    writer.transaction_lanes = transaction_lanes;
    for (int shard = 0; shard < writer_shards; ++shard) {
        eventlog::transactional_producer rival(
            writer.kafka, commands::writer_transactional_id(writer, shard), transaction_lanes);
        rival.init(10s);
    }
}

/// The crm partitions of some tenants, read at both isolation levels: a transaction that
/// has appended records there and not ended yet holds the last stable offset (the
/// read_committed end) behind the high watermark.
class open_transaction_watch {
public:
    open_transaction_watch(const testing::stack& s, const std::vector<std::string>& tenants)
        : committed_(kafka_of(s)), uncommitted_(kafka_of(s, "read_uncommitted")),
          topic_(s.topic("crm")) {
        const auto partitions = std::stoi(s.environment().at("VENTROS_PARTITIONS"));
        for (const auto& tenant : tenants) {
            partitions_.push_back(eventlog::partition_for_key(tenant, partitions));
        }
        std::ranges::sort(partitions_);
        const auto [last, end] = std::ranges::unique(partitions_);
        partitions_.erase(last, end);
    }

    /// True if a watched partition holds records of a transaction not ended yet.
    bool open() {
        const auto stable = committed_.end_offsets(topic_, partitions_, 5s);
        const auto high = uncommitted_.end_offsets(topic_, partitions_, 5s);
        return stable != high;
    }

private:
    static eventlog::kafka_config kafka_of(const testing::stack& s,
                                           const std::string& isolation = "read_committed") {
        eventlog::kafka_config kafka;
        kafka.bootstrap_servers = s.environment().at("VENTROS_KAFKA_BROKERS");
        kafka.topic_prefix = s.prefix();
        kafka.extra["isolation.level"] = isolation;
        return kafka;
    }

    eventlog::log_reader committed_;
    eventlog::log_reader uncommitted_;
    std::string topic_;
    std::vector<std::int32_t> partitions_;
};

/// SIGSTOPs the gateway for its lifetime, so that nothing it does moves on meanwhile.
class paused_gateway {
public:
    explicit paused_gateway(testing::stack& s) : s_(s) { s_.signal_gateway(SIGSTOP); }
    ~paused_gateway() { s_.signal_gateway(SIGCONT); }
    paused_gateway(const paused_gateway&) = delete;
    paused_gateway& operator=(const paused_gateway&) = delete;

private:
    testing::stack& s_;
};

/// What a round of conversions under fences did.
struct fenced_round {
    std::vector<conversion> conversions;
    int pauses = 0; ///< times the gateway was paused to look for an open transaction
    int fences = 0; ///< times it had one, and was fenced
};

/// Converts every lead, a client thread per tenant, each conversion retried with its key
/// until answered. Meanwhile pauses the gateway at random moments; when a transaction of
/// its writer has appended records and not ended yet, fences the writer before resuming
/// it, so the coordinator aborts that transaction, records and all. The fences are too
/// rare without the pause: a transaction's records are written at most a few
/// milliseconds before its commit.
fenced_round convert_while_fencing(testing::stack& s, const lead_client& client,
                                   const std::vector<std::string>& tenants,
                                   const std::vector<lead_ref>& leads, std::mt19937& random) {
    fenced_round round;
    for (const auto& lead : leads) {
        round.conversions.push_back({lead, "convert-" + lead.id, {}, {}});
    }
    std::map<std::string, std::vector<conversion*>> by_tenant;
    for (auto& c : round.conversions) {
        by_tenant[c.lead.tenant].push_back(&c);
    }
    open_transaction_watch watch(s, tenants);
    std::atomic<bool> done{false};
    std::vector<std::string> errors;
    {
        std::jthread drivers([&] {
            errors = run_in_parallel(by_tenant.size(), [&](std::size_t t) {
                for (auto* c : std::next(by_tenant.begin(), static_cast<long>(t))->second) {
                    auto request = convert_lead(c->lead.tenant, c->lead.id);
                    request.idempotency_key = c->key;
                    c->final = client.send_until_answered(request, clock::now() + patience);
                    if (c->final.reply.status == 201) {
                        const auto body = c->final.reply.json();
                        c->deal_id = body.at("id").get<std::string>();
                    }
                }
            });
            done = true;
        });
        std::uniform_int_distribution<int> pause_ms(0, 20);
        while (!done && round.fences < fences_per_round) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
            const paused_gateway paused(s);
            ++round.pauses;
            if (watch.open()) {
                fence_writer(s);
                ++round.fences;
            }
        }
    }
    REQUIRE_MESSAGE(errors.empty(), first_or_none(errors));
    return round;
}

/// The records of aborted transactions: in the log read_uncommitted, not read_committed.
std::vector<logged_event> aborted_records(const testing::stack& s) {
    std::set<std::pair<std::int32_t, std::int64_t>> committed;
    for (const auto& e : read_crm_log(s)) {
        committed.emplace(e.partition, e.offset);
    }
    std::vector<logged_event> aborted;
    for (auto& e : read_crm_log(s, isolation::read_uncommitted)) {
        if (!committed.contains({e.partition, e.offset})) {
            aborted.push_back(std::move(e));
        }
    }
    return aborted;
}

bool is_conversion_event(const logged_event& e) {
    return e.type == deal_created || e.type == lead_converted;
}

/// deal → lead id of every row of `deals`.
std::map<deal_ref, std::string> deal_rows(const testing::stack& s) {
    auto conn = s.admin_connection();
    pqxx::read_transaction tx(*conn);
    std::map<deal_ref, std::string> rows;
    for (const auto& row : tx.exec("SELECT tenant_id, deal_id::text, lead_id::text FROM deals")) {
        rows[{row[0].as<std::string>(), row[1].as<std::string>()}] =
            row[2].is_null() ? "" : row[2].as<std::string>();
    }
    return rows;
}

/// lead → (stage, deal id) of every row of `leads`.
std::map<lead_ref, std::pair<std::string, std::string>> lead_rows(const testing::stack& s) {
    auto conn = s.admin_connection();
    pqxx::read_transaction tx(*conn);
    std::map<lead_ref, std::pair<std::string, std::string>> rows;
    for (const auto& row :
         tx.exec("SELECT tenant_id, lead_id::text, stage, deal_id::text FROM leads")) {
        rows[{row[0].as<std::string>(), row[1].as<std::string>()}] = {
            row[2].as<std::string>(), row[3].is_null() ? "" : row[3].as<std::string>()};
    }
    return rows;
}

} // namespace

TEST_CASE("conversions whose transaction is aborted show neither event and convert once on "
          "retry") {
    testing::stack s;
    s.start_gateway({{"VENTROS_WRITER_SHARDS", std::to_string(writer_shards)},
                     {"VENTROS_TRANSACTION_LANES", std::to_string(transaction_lanes)}});
    s.start_projector();
    MESSAGE("logs in " << s.log_dir());

    std::mt19937 random(4);
    std::set<std::string> acknowledged;
    std::vector<conversion> conversions;
    std::vector<logged_event> aborted;
    int round = 0;
    while (round < max_rounds &&
           std::ranges::none_of(aborted, [](const auto& e) { return is_conversion_event(e); })) {
        std::vector<std::string> tenants;
        for (int t = 0; t < tenants_per_round; ++t) {
            tenants.push_back("c" + std::to_string(round) + "t" + std::to_string(t));
        }
        const lead_client client(s, tenants, client_timeout);
        const auto leads = qualified_leads(client, tenants, acknowledged);
        auto fenced = convert_while_fencing(s, client, tenants, leads, random);
        const auto retried = std::ranges::count_if(
            fenced.conversions, [](const conversion& c) { return c.final.attempts > 1; });
        aborted = aborted_records(s);
        MESSAGE("round " << round << ": " << fenced.pauses << " pauses, " << fenced.fences
                         << " fences, " << retried << " of " << fenced.conversions.size()
                         << " conversions retried, " << aborted.size()
                         << " aborted records so far");
        std::ranges::move(fenced.conversions, std::back_inserter(conversions));
        ++round;
    }

    // The fences did abort transactions that carried conversions: there is something
    // for read_committed readers not to see.
    std::vector<logged_event> aborted_conversion_events;
    std::ranges::copy_if(aborted, std::back_inserter(aborted_conversion_events),
                         is_conversion_event);
    REQUIRE_MESSAGE(!aborted_conversion_events.empty(),
                    "no fence aborted a transaction carrying a conversion in " << round
                                                                               << " rounds");

    // Every conversion was acknowledged in the end, as a new deal.
    std::set<std::string> conversion_keys;
    for (const auto& c : conversions) {
        INFO(c.key << ": " << c.final.reply.status << " " << c.final.reply.body);
        CHECK(c.final.reply.status == 201);
        acknowledged.insert(c.key);
        conversion_keys.insert(c.key);
    }

    // Read committed: exactly the acknowledged commands, each event type once per command.
    const auto committed = read_crm_log(s);
    auto types_by_key = check_each_command_logged_once(committed, acknowledged);
    // Both conversion events or neither, for every command in the log.
    for (auto& [key, types] : types_by_key) {
        INFO(key);
        CHECK(types[deal_created] == types[lead_converted]);
    }
    // Each acknowledged conversion has both, for its lead and its answered deal; no lead
    // is converted twice.
    std::map<std::string, std::string> committed_deal_of_key;
    std::map<lead_ref, int> conversions_of_lead;
    for (const auto& e : committed) {
        if (e.type == deal_created) {
            committed_deal_of_key[e.command_id] = e.aggregate_id;
        } else if (e.type == lead_converted) {
            ++conversions_of_lead[{e.tenant, e.aggregate_id}];
        }
    }
    for (const auto& c : conversions) {
        INFO(c.key);
        CHECK(types_by_key[c.key][deal_created] == 1);
        CHECK(types_by_key[c.key][lead_converted] == 1);
        CHECK(committed_deal_of_key[c.key] == c.deal_id);
        CHECK(conversions_of_lead[c.lead] == 1);
    }
    CHECK(conversions_of_lead.size() == conversions.size());

    // The aborted conversions were retried and decided anew: the deal of the aborted
    // attempt is not the one committed.
    std::set<deal_ref> aborted_deals;
    for (const auto& e : aborted_conversion_events) {
        INFO(e.command_id << " " << e.type << " at " << e.partition << "@" << e.offset);
        CHECK(conversion_keys.contains(e.command_id));
        if (e.type == deal_created) {
            CHECK(committed_deal_of_key[e.command_id] != e.aggregate_id);
            aborted_deals.insert({e.tenant, e.aggregate_id});
        }
    }
    MESSAGE(aborted_conversion_events.size()
            << " conversion events aborted, " << aborted_deals.size() << " deals among them");

    // The read models agree: each lead converted to its acknowledged deal, which exists
    // and links back; no other deal exists, those of aborted transactions included.
    REQUIRE(s.wait_projected("leads", 60000));
    REQUIRE(s.wait_projected("deals", 60000));
    const auto leads = lead_rows(s);
    std::map<deal_ref, std::string> expected_deals;
    for (const auto& c : conversions) {
        INFO(c.key);
        REQUIRE(leads.contains(c.lead));
        CHECK(leads.at(c.lead).first == "converted");
        CHECK(leads.at(c.lead).second == c.deal_id);
        expected_deals[{c.lead.tenant, c.deal_id}] = c.lead.id;
    }
    CHECK(deal_rows(s) == expected_deals);

    // And so do the query endpoints: an aborted deal is not found.
    std::vector<std::string> tenants;
    for (const auto& [tenant, id] : aborted_deals) {
        tenants.push_back(tenant);
    }
    const lead_client reader(s, tenants, client_timeout);
    for (const auto& [tenant, id] : aborted_deals) {
        const lead_request get{"GET", "/v1/tenants/" + tenant + "/deals/" + id, {}, {}, {}};
        CHECK(reader.send(get).status == 404);
    }
}

} // namespace ventros::fault
