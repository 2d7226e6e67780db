#include "writer_shard.hpp"

#include "event_records.hpp"
#include "ventros/commands/uuid.hpp"
#include "ventros/domain/crm_codec.hpp"
#include "ventros/eventlog/errors.hpp"
#include "ventros/eventlog/partitioner.hpp"

#include <algorithm>
#include <malloc.h>
#include <span>

namespace ventros::commands {
namespace {

using clock = std::chrono::steady_clock;

/// A command's events without those appended on its behalf (which come first).
std::span<const decided_event> own_events(const auto& d) {
    const auto first_own = std::ranges::find(d.events, false, &decided_event::on_behalf);
    return {first_own, d.events.end()};
}

double seconds_since(clock::time_point start) {
    return std::chrono::duration<double>(clock::now() - start).count();
}

} // namespace

write_service::shard::shard(int index, const write_service_config& config,
                            telemetry::metrics& metrics, commands::directory& directory)
    : index_(index), config_(config), metrics_(metrics), directory_(directory), log_("writer"),
      topics_(eventlog::topics::with_prefix(config.kafka.topic_prefix)),
      store_({}, [&directory](
                     const domain::billing_account_id& id) { return directory.suspended(id); }),
      window_(config.idempotency_window) {
    const auto& names = topics_;
    replayed_topics_ = {names.identity, names.crm, names.billing, names.privacy};
    for (int p = index; p < config.kafka.partitions; p += config.shards) {
        partitions_.push_back(p);
        for (const auto& t : replayed_topics_) {
            next_offsets_[{t, p}] = 0;
        }
    }
}

write_service::shard::~shard() {
    stop();
}

void write_service::shard::start() {
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void write_service::shard::stop() {
    {
        std::lock_guard lock(mutex_);
        accepting_ = false;
    }
    // Queued commands are still decided and committed; only waits end early.
    thread_.request_stop();
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void write_service::shard::submit(write_request request, std::function<void(write_outcome)> done) {
    std::optional<write_failure::kind> refused;
    {
        std::lock_guard lock(mutex_);
        if (!ready_) {
            refused = write_failure::kind::not_ready;
        } else if (!accepting_ || !serving_ || queue_.size() >= config_.queue_max) {
            refused = write_failure::kind::unavailable;
        } else {
            queue_.push_back({std::move(request), std::move(done)});
        }
    }
    if (refused) {
        metrics_.add_command_failure(*refused == write_failure::kind::not_ready ? "not_ready"
                                                                                : "unavailable");
        done(std::unexpected(write_failure{*refused, std::nullopt, 0}));
        return;
    }
    wake_.notify_one();
}

void write_service::shard::run(std::stop_token stop) {
    if (!connect(stop)) {
        return;
    }
    ready_ = true;
    serving_ = true;
    for (;;) {
        auto batch = take_batch(stop);
        if (batch.empty()) {
            std::lock_guard lock(mutex_);
            if (!accepting_ && queue_.empty()) {
                return;
            }
            continue;
        }
        process(batch);
        if (!serving_) {
            std::vector<pending> queued;
            {
                std::lock_guard lock(mutex_);
                queued.assign(std::make_move_iterator(queue_.begin()),
                              std::make_move_iterator(queue_.end()));
                queue_.clear();
            }
            fail_all(queued, write_failure::kind::unavailable);
            if (!connect(stop)) {
                return;
            }
            serving_ = true;
        }
    }
}

std::vector<write_service::shard::pending> write_service::shard::take_batch(std::stop_token stop) {
    std::unique_lock lock(mutex_);
    const bool was_idle = queue_.empty();
    wake_.wait(lock, stop, [this] { return !queue_.empty() || !accepting_; });
    if (queue_.empty()) {
        return {};
    }
    // Group commit. Commands that queued up while the previous transaction ran go at once
    // (that transaction was their wait); a command arriving at an idle shard waits a
    // moment for concurrent requests to join it.
    if (was_idle && queue_.size() < config_.batch_max && accepting_) {
        wake_.wait_for(lock, stop, config_.batch_linger,
                       [this] { return queue_.size() >= config_.batch_max || !accepting_; });
    }
    const auto n = std::min(queue_.size(), config_.batch_max);
    std::vector<pending> batch(std::make_move_iterator(queue_.begin()),
                               std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    return batch;
}

void write_service::shard::fail_all(std::vector<pending>& commands, write_failure::kind why) {
    for (auto& c : commands) {
        metrics_.add_command_failure(why == write_failure::kind::not_ready ? "not_ready"
                                                                           : "unavailable");
        c.done(std::unexpected(write_failure{why, std::nullopt, 0}));
    }
    commands.clear();
}

void write_service::shard::process(std::vector<pending>& batch) {
    const auto started = clock::now();
    const auto wall_now = std::chrono::system_clock::now();
    window_.expire(wall_now);
    store_.begin_batch();

    std::vector<decided> accepted;
    std::vector<eventlog::outgoing_record> records;
    std::unordered_map<std::string, std::size_t> keys_in_batch; // tenant\0key → accepted index

    for (auto& command : batch) {
        auto& request = command.request;
        if (clock::now() > request.deadline) {
            metrics_.add_command_failure("deadline");
            command.done(std::unexpected(write_failure{write_failure::kind::unavailable, {}, 0}));
            continue;
        }
        const auto& tenant = request.key();
        if (!request.idempotency_key.empty()) {
            if (const auto seen =
                    window_.find(tenant, request.idempotency_key, request.request_hash)) {
                if (!seen->same_request) {
                    command.done(std::unexpected(
                        write_failure{write_failure::kind::idempotency_key_reused, {}, 0}));
                } else {
                    auto replay = seen->result;
                    replay.replayed = true;
                    command.done(replay);
                }
                continue;
            }
            const auto batch_key = tenant + '\0' + request.idempotency_key;
            if (keys_in_batch.contains(batch_key)) {
                command.done(std::unexpected(
                    write_failure{write_failure::kind::idempotency_key_in_flight, {}, 0}));
                continue;
            }
            keys_in_batch.emplace(batch_key, accepted.size());
        }
        auto events = store_.decide_and_apply(request);
        if (!events) {
            metrics_.add_command_failure("refused");
            command.done(std::unexpected(events.error()));
            continue;
        }
        const auto command_id =
            request.idempotency_key.empty() ? new_uuid_v7() : request.idempotency_key;
        const auto partition = eventlog::partition_for_key(tenant, config_.kafka.partitions);
        auto stamped = make_event_records(request, *events, command_id, topics_, partition);
        decided d{std::move(command), std::move(*events), command_id, records.size()};
        std::ranges::move(stamped, std::back_inserter(records));
        accepted.push_back(std::move(d));
    }

    if (records.empty()) {
        store_.commit_batch();
        return;
    }

    std::vector<eventlog::position> positions;
    try {
        positions = producer_->append(records, config_.append_timeout);
    } catch (const eventlog::kafka_error& e) {
        store_.rollback_batch();
        log_.warn("transaction failed; commands refused with 503", {{"shard", index_},
                                                                    {"commands", accepted.size()},
                                                                    {"error", e.what()},
                                                                    {"fatal", e.fatal()}});
        metrics_.add_command_failure("kafka");
        for (auto& d : accepted) {
            d.command.done(std::unexpected(write_failure{write_failure::kind::unavailable, {}, 0}));
        }
        // The outcome may be unknown (a commit that timed out): reconnect and re-read
        // the partitions before deciding anything else.
        serving_ = false;
        return;
    }
    store_.commit_batch();
    metrics_.observe_transaction(accepted.size(), seconds_since(started));

    for (const auto& p : positions) {
        auto& next = next_offsets_[{p.topic, p.partition}];
        next = std::max(next, p.offset + 1);
    }
    for (auto& d : accepted) {
        for (const auto& e : d.events) {
            directory_.observe(e.event);
        }
        auto result = result_of(d, positions);
        const auto& request = d.command.request;
        if (!request.idempotency_key.empty()) {
            window_.remember(request.key(), request.idempotency_key, request.request_hash, result,
                             wall_now);
        }
        metrics_.add_commands_appended(domain::event_type(own_events(d).front().event));
        d.command.done(std::move(result));
    }
}

write_result write_service::shard::result_of(const decided& d,
                                             const std::vector<eventlog::position>& positions) {
    const auto own = own_events(d);
    const auto& first = own.front().event;
    const auto kind = domain::kind_of(first);
    const auto& id = domain::aggregate_id_of(first);
    std::uint32_t version = 0;
    for (const auto& e : own) {
        if (domain::kind_of(e.event) == kind && domain::aggregate_id_of(e.event) == id) {
            version = e.version;
        }
    }
    return write_result{
        result_status(first), id, version, positions[d.first_record + d.events.size() - 1], false,
        d.command_id};
}

bool write_service::shard::connect(std::stop_token stop) {
    auto backoff = std::chrono::milliseconds(200);
    while (!stop.stop_requested()) {
        try {
            producer_.reset();
            auto producer = std::make_unique<eventlog::transactional_producer>(
                config_.kafka, writer_transactional_id(config_, index_), config_.transaction_lanes);
            producer->init(config_.append_timeout * 4);
            producer_ = std::move(producer);
            catch_up();
            return true;
        } catch (const std::exception& e) {
            log_.warn("writer cannot reach Kafka; retrying",
                      {{"shard", index_}, {"error", e.what()}, {"retry_ms", backoff.count()}});
        }
        std::mutex m;
        std::unique_lock lock(m);
        std::condition_variable_any().wait_for(lock, stop, backoff, [] { return false; });
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
    return false;
}

void write_service::shard::catch_up() {
    const auto started = clock::now();
    std::vector<eventlog::partition_offset> from;
    for (const auto& [tp, offset] : next_offsets_) {
        from.push_back({tp.first, tp.second, offset});
    }
    std::uint64_t applied = 0;
    const auto reached = eventlog::replay_to_end(
        config_.kafka, from,
        [&](const eventlog::record& r) {
            apply_logged(r);
            ++applied;
        },
        std::chrono::minutes(10));
    for (const auto& p : reached) {
        next_offsets_[{p.topic, p.partition}] = p.offset;
    }
    // Replay leaves the records' memory free but held by this thread's malloc arena;
    // hand it back to the system.
    malloc_trim(0);
    metrics_.add_replayed_events(applied);
    log_.info("writer caught up with the log", {{"shard", index_},
                                                {"events", applied},
                                                {"leads", store_.lead_count()},
                                                {"idempotency_keys", window_.size()},
                                                {"seconds", seconds_since(started)}});
}

void write_service::shard::apply_logged(const eventlog::record& r) {
    auto logged = read_crm_event(r);
    if (!logged) {
        // Not a crm event this build understands: it belongs to another writer version
        // or a later feature; the projector's DLQ reports undecodable records.
        log_.debug("skipping record during replay", {{"topic", r.topic},
                                                     {"partition", r.partition},
                                                     {"offset", r.offset},
                                                     {"reason", logged.error()}});
        return;
    }
    const auto& a = logged->attributes;
    store_.apply_from_log(domain::tenant_id(a.tenant_id), logged->event, domain::user_id(a.actor));
    directory_.observe(logged->event);
    // Only commands sent with an Idempotency-Key carry a request hash; rebuild their
    // results exactly as the live path produced them: the first event's aggregate, its
    // version after the command, the position of the command's last event.
    if (a.request_hash.empty() || a.command_id.empty()) {
        return;
    }
    window_.remember_logged(
        r.key, a.command_id, a.request_hash,
        write_result{result_status(logged->event),
                     a.aggregate_id,
                     a.aggregate_version,
                     {r.topic, r.partition, r.offset},
                     false,
                     a.command_id},
        std::chrono::system_clock::time_point(std::chrono::milliseconds(r.timestamp_ms)));
}

} // namespace ventros::commands
