#include "ventros/projections/projector.hpp"

#include "backoff.hpp"
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/group_consumer.hpp"
#include "ventros/projections/checkpoints.hpp"
#include "ventros/projections/dead_letter_queue.hpp"
#include "ventros/telemetry/log.hpp"

#include <algorithm>
#include <future>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>

namespace ventros::projections {
namespace {

using clock = std::chrono::steady_clock;
using topic_partition = std::pair<std::string, std::int32_t>;

struct projection_outcome {
    std::size_t applied = 0;
    std::vector<std::string> dead_letter_reasons;
};

/// Thrown from the assignment callback when stopping while PostgreSQL is unreachable.
struct stopping {};

constexpr auto lag_interval = std::chrono::seconds(5);

} // namespace

struct projector::impl {
    projector_options opts;
    std::vector<std::unique_ptr<projection>> projections;
    telemetry::metrics& metrics;
    telemetry::logger log{"projector"};
    dead_letter_queue dlq;
    std::stop_token stop;
    std::unique_ptr<pqxx::connection> conn;
    std::vector<eventlog::record> batch;      ///< records polled and not yet committing
    std::vector<eventlog::record> committing; ///< records the background commit writes
    /// The background commit of `committing`: its outcomes, or nullopt when abandoned at stop.
    std::future<std::optional<std::vector<projection_outcome>>> in_flight;
    std::set<topic_partition> assigned;
    positions consumed; ///< next offset after the last committed batch, for lag

    impl(projector_options o, std::vector<std::unique_ptr<projection>> ps, telemetry::metrics& m)
        : opts(std::move(o)), projections(std::move(ps)), metrics(m), dlq(opts.kafka) {}

    std::vector<std::string> topics_of(const projection& p) const {
        std::vector<std::string> topics;
        for (const auto& kind : p.topics()) {
            topics.push_back(opts.kafka.topic_prefix + kind);
        }
        return topics;
    }

    std::vector<std::string> all_topics() const {
        std::vector<std::string> topics;
        for (const auto& p : projections) {
            for (auto& t : topics_of(*p)) {
                if (std::ranges::find(topics, t) == topics.end()) {
                    topics.push_back(std::move(t));
                }
            }
        }
        return topics;
    }

    pqxx::connection& connection() {
        if (!conn || !conn->is_open()) {
            conn = std::make_unique<pqxx::connection>(opts.conninfo);
        }
        return *conn;
    }

    // ---- assignment ------------------------------------------------------------------

    /// Each partition starts at the lowest checkpoint of the projections reading it, so a
    /// projection that is behind (or new, at 0) catches up while the others skip.
    std::vector<eventlog::partition_offset>
    on_assigned(const std::vector<eventlog::partition_offset>& given) {
        finish_commit();
        std::vector<positions> checkpoints;
        detail::backoff delay(opts.min_backoff, opts.max_backoff);
        for (;;) {
            try {
                pqxx::read_transaction tx(connection());
                checkpoints.clear();
                for (const auto& p : projections) {
                    checkpoints.push_back(read_checkpoints(tx, p->name(), topics_of(*p)));
                }
                break;
            } catch (const pqxx::failure& e) {
                log.warn("cannot read checkpoints, retrying",
                         {{"error", e.what()}, {"retry_ms", delay.next().count()}});
                conn.reset();
                if (!delay.wait(stop)) {
                    throw stopping{};
                }
            }
        }
        std::vector<eventlog::partition_offset> starts;
        for (const auto& tp : given) {
            std::optional<std::int64_t> start;
            for (std::size_t i = 0; i < projections.size(); ++i) {
                const auto topics = topics_of(*projections[i]);
                if (std::ranges::find(topics, tp.topic) == topics.end()) {
                    continue;
                }
                const auto found = checkpoints[i].find({tp.topic, tp.partition});
                const std::int64_t at = found == checkpoints[i].end() ? 0 : found->second;
                start = start ? std::min(*start, at) : at;
            }
            starts.push_back({tp.topic, tp.partition, start.value_or(0)});
            assigned.insert({tp.topic, tp.partition});
            consumed[{tp.topic, tp.partition}] = start.value_or(0);
        }
        log.info("partitions assigned", {{"count", starts.size()}});
        return starts;
    }

    /// Records of revoked partitions are dropped: their next owner replays them.
    void on_revoked(const std::vector<eventlog::partition_offset>& revoked) {
        finish_commit();
        std::set<topic_partition> gone;
        for (const auto& tp : revoked) {
            gone.insert({tp.topic, tp.partition});
            assigned.erase({tp.topic, tp.partition});
            consumed.erase({tp.topic, tp.partition});
        }
        std::erase_if(batch, [&](const eventlog::record& r) {
            return gone.contains({r.topic, r.partition});
        });
        log.info("partitions revoked", {{"count", revoked.size()}});
    }

    // ---- batches ---------------------------------------------------------------------

    /// Fills `batch` up to the count limit or until the time limit after its first record.
    void collect(eventlog::group_consumer& consumer) {
        const auto idle_wait = std::chrono::milliseconds(100);
        std::optional<clock::time_point> deadline;
        while (!stop.stop_requested() && batch.size() < opts.max_batch_records) {
            auto wait = idle_wait;
            if (deadline) {
                const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - clock::now());
                if (left.count() <= 0) {
                    break;
                }
                wait = left;
            }
            auto records = consumer.poll(opts.max_batch_records - batch.size(), wait);
            if (records.empty() && !deadline) {
                return; // idle: let the caller check stop and lag
            }
            for (auto& r : records) {
                batch.push_back(std::move(r));
            }
            if (!deadline && !batch.empty()) {
                deadline = clock::now() + opts.max_batch_wait;
            }
        }
    }

    struct decoded_batch {
        std::vector<decoded_event> events;
        std::vector<std::size_t> record_of; ///< events[i] came from committing[record_of[i]]
        std::vector<std::pair<std::size_t, dead_letter>> poison;
    };

    decoded_batch decode() const {
        decoded_batch out;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto decoded = decode_record(batch[i]);
            if (decoded) {
                out.events.push_back(std::move(*decoded));
                out.record_of.push_back(i);
            } else {
                out.poison.emplace_back(i, std::move(decoded.error()));
            }
        }
        return out;
    }

    /// One transaction for the whole batch; throws on any failure, leaving nothing done.
    std::vector<projection_outcome> commit(const decoded_batch& d) {
        pqxx::work tx(connection());
        std::vector<projection_outcome> outcomes(projections.size());
        bool dead_letters = false;
        for (std::size_t pi = 0; pi < projections.size(); ++pi) {
            const auto& p = *projections[pi];
            const auto topics = topics_of(p);
            const auto reads = [&](const std::string& topic) {
                return std::ranges::find(topics, topic) != topics.end();
            };
            tx.exec_params("SELECT pg_advisory_xact_lock_shared(hashtext($1))",
                           projection_lock_key(p.name()));
            const auto checkpoints = read_checkpoints(tx, p.name(), topics);
            const auto pending = [&](const eventlog::record& r) {
                const auto found = checkpoints.find({r.topic, r.partition});
                return reads(r.topic) && (found == checkpoints.end() || r.offset >= found->second);
            };

            std::vector<std::size_t> pending_events; ///< indexes into d.events
            for (std::size_t i = 0; i < d.events.size(); ++i) {
                if (pending(committing[d.record_of[i]])) {
                    pending_events.push_back(i);
                }
            }
            // Usually every event is pending, and then they are applied without a copy.
            const bool all_pending = pending_events.size() == d.events.size();
            std::vector<decoded_event> subset;
            if (!all_pending) {
                for (const auto i : pending_events) {
                    subset.push_back(d.events[i]);
                }
            }
            const auto result = p.apply(
                tx, all_pending ? std::span<const decoded_event>(d.events) : subset, table_names{});
            outcomes[pi].applied = result.applied;
            for (const auto& rejected : result.rejected) {
                dlq.add(committing[d.record_of[pending_events[rejected.index]]], p.name(),
                        {"apply_failed", rejected.detail});
                outcomes[pi].dead_letter_reasons.push_back("apply_failed");
            }
            for (const auto& [index, why] : d.poison) {
                if (pending(committing[index])) {
                    dlq.add(committing[index], p.name(), why);
                    outcomes[pi].dead_letter_reasons.push_back(why.reason);
                }
            }
            dead_letters = dead_letters || !outcomes[pi].dead_letter_reasons.empty();

            positions next;
            for (const auto& r : committing) {
                if (pending(r)) {
                    auto& at = next[{r.topic, r.partition}];
                    at = std::max(at, r.offset + 1);
                }
            }
            save_checkpoints(tx, p.name(), next);
        }
        if (dead_letters) {
            // Delivered before the checkpoint moves past them: at least once into the DLQ.
            dlq.flush(opts.dlq_flush_timeout);
        }
        tx.commit();
        return outcomes;
    }

    /// Commits `committing`, retrying the same records until it succeeds (its outcomes)
    /// or stop is requested (nullopt). Runs in the background: touches nothing else
    /// that the polling thread uses.
    std::optional<std::vector<projection_outcome>> process(const decoded_batch& decoded) {
        detail::backoff delay(opts.min_backoff, opts.max_backoff);
        for (;;) {
            try {
                return commit(decoded);
            } catch (const pqxx::broken_connection& e) {
                log.warn("PostgreSQL connection lost, retrying batch",
                         {{"error", e.what()}, {"retry_ms", delay.next().count()}});
                conn.reset();
            } catch (const pqxx::failure& e) {
                log.warn("batch failed, retrying",
                         {{"error", e.what()}, {"retry_ms", delay.next().count()}});
                conn.reset();
            } catch (const eventlog::kafka_error& e) {
                if (e.fatal()) {
                    throw;
                }
                log.warn("dead letters not delivered, retrying batch",
                         {{"error", e.what()}, {"retry_ms", delay.next().count()}});
            }
            if (!delay.wait(stop)) {
                return std::nullopt; // abandoned uncommitted: replayed from the checkpoints
            }
        }
    }

    /// Decodes `batch` while the previous one is still committing, waits for that commit,
    /// then commits `batch` in the background, so polling and decoding overlap PostgreSQL.
    void start_commit() {
        auto decoded = decode();
        finish_commit();
        committing = std::move(batch);
        batch.clear();
        in_flight =
            std::async(std::launch::async, [this, d = std::move(decoded)] { return process(d); });
    }

    /// Waits for the background commit, if any, and counts what it did. Everything else
    /// that uses the connection or the consumed positions calls this first. Rethrows a
    /// fatal error of the commit.
    void finish_commit() {
        if (!in_flight.valid()) {
            return;
        }
        const auto outcomes = in_flight.get();
        if (outcomes) {
            for (std::size_t pi = 0; pi < projections.size(); ++pi) {
                metrics.add_events_applied(projections[pi]->name(), (*outcomes)[pi].applied);
                for (const auto& reason : (*outcomes)[pi].dead_letter_reasons) {
                    metrics.add_dead_letter(projections[pi]->name(), reason);
                }
            }
            for (const auto& r : committing) {
                consumed[{r.topic, r.partition}] = r.offset + 1;
            }
        }
        committing.clear();
    }

    /// With nothing left to read, moves the checkpoints up to the consumer positions,
    /// which librdkafka steps past transaction markers and aborted records: those take
    /// offsets but never reach a batch, so without this a caught-up checkpoint would stay
    /// short of the topic end. Writes (and notifies) only partitions that moved; on a
    /// PostgreSQL failure it leaves them for the next idle poll.
    void advance_to_positions(eventlog::group_consumer& consumer) {
        std::vector<eventlog::partition_offset> reached;
        try {
            reached = consumer.positions();
        } catch (const eventlog::kafka_error& e) {
            log.debug("cannot read consumer positions", {{"error", e.what()}});
            return;
        }
        positions moved;
        for (const auto& at : reached) {
            const auto known = consumed.find({at.topic, at.partition});
            if (known != consumed.end() && at.offset > known->second) {
                moved[known->first] = at.offset;
            }
        }
        if (moved.empty()) {
            return;
        }
        try {
            pqxx::work tx(connection());
            for (const auto& p : projections) {
                const auto topics = topics_of(*p);
                positions own;
                for (const auto& [where, offset] : moved) {
                    if (std::ranges::find(topics, where.first) != topics.end()) {
                        own[where] = offset;
                    }
                }
                tx.exec_params("SELECT pg_advisory_xact_lock_shared(hashtext($1))",
                               projection_lock_key(p->name()));
                save_checkpoints(tx, p->name(), own);
            }
            tx.commit();
        } catch (const pqxx::failure& e) {
            log.warn("cannot advance checkpoints past transaction markers, retrying",
                     {{"error", e.what()}});
            conn.reset();
            return;
        }
        for (const auto& [where, offset] : moved) {
            consumed[where] = offset;
        }
    }

    void report_lag(eventlog::group_consumer& consumer) {
        std::vector<eventlog::partition_offset> ends;
        try {
            ends = consumer.end_offsets(std::chrono::seconds(1));
        } catch (const eventlog::kafka_error& e) {
            log.debug("cannot read end offsets for lag", {{"error", e.what()}});
            return;
        }
        for (const auto& end : ends) {
            const auto at = consumed.find({end.topic, end.partition});
            if (at == consumed.end()) {
                continue;
            }
            for (const auto& p : projections) {
                const auto topics = topics_of(*p);
                if (std::ranges::find(topics, end.topic) != topics.end()) {
                    metrics.set_projector_lag(p->name(), end.topic, end.partition,
                                              std::max<std::int64_t>(0, end.offset - at->second));
                }
            }
        }
    }

    void run(std::stop_token token) {
        stop = token;
        // Deployments sharing a broker under different topic prefixes must not share a
        // group: every member of one group takes part in every rebalance.
        const auto group = opts.kafka.topic_prefix + opts.group_id;
        auto consumer_kafka = opts.kafka; // the DLQ producer would warn about this setting
        consumer_kafka.extra["session.timeout.ms"] = std::to_string(opts.session_timeout.count());
        eventlog::group_consumer consumer(consumer_kafka, group, all_topics(),
                                          {[this](const auto& given) { return on_assigned(given); },
                                           [this](const auto& revoked) { on_revoked(revoked); }});
        log.info("projector started", {{"group", group}, {"topics", all_topics()}});
        auto next_lag = clock::now();
        detail::backoff poll_delay(opts.min_backoff, opts.max_backoff);
        try {
            while (!stop.stop_requested()) {
                try {
                    collect(consumer);
                    poll_delay.reset();
                } catch (const eventlog::kafka_error& e) {
                    if (e.fatal()) {
                        throw;
                    }
                    log.warn("poll failed, retrying", {{"error", e.what()}});
                    if (!poll_delay.wait(stop)) {
                        break;
                    }
                    continue;
                }
                if (!batch.empty()) {
                    start_commit();
                } else {
                    finish_commit();
                    advance_to_positions(consumer);
                }
                if (clock::now() >= next_lag) {
                    report_lag(consumer);
                    next_lag = clock::now() + lag_interval;
                }
            }
            finish_commit();
        } catch (const stopping&) {
            // Stop requested while PostgreSQL was unreachable during an assignment.
        }
        batch.clear();
        try {
            consumer.close();
        } catch (const std::exception& e) {
            log.warn("leaving the consumer group failed", {{"error", e.what()}});
        }
        log.info("projector stopped");
    }
};

projector::projector(projector_options options,
                     std::vector<std::unique_ptr<projection>> projections,
                     telemetry::metrics& metrics)
    : impl_(std::make_unique<impl>(std::move(options), std::move(projections), metrics)) {}

projector::~projector() = default;

void projector::run(std::stop_token stop) {
    impl_->run(stop);
}

} // namespace ventros::projections
