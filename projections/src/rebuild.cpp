#include "ventros/projections/rebuild.hpp"

#include "ventros/eventlog/log_reader.hpp"
#include "ventros/eventlog/topic_admin.hpp"
#include "ventros/projections/checkpoints.hpp"
#include "ventros/projections/dead_letter_queue.hpp"
#include "ventros/projections/registry.hpp"

#include <algorithm>
#include <future>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using clock = std::chrono::steady_clock;

constexpr const char* shadow_suffix = "_rebuild";
constexpr std::size_t batch_records = 5000;
constexpr auto poll_wait = std::chrono::milliseconds(500);
constexpr auto kafka_timeout = std::chrono::seconds(10);
constexpr auto catch_up_limit = std::chrono::seconds(120);

/// Replays records into the shadow tables and remembers how far it got.
class shadow_replay {
public:
    shadow_replay(const projection& p, const eventlog::kafka_config& kafka,
                  std::vector<std::string> topics)
        : projection_(p), tables_(table_names::with_suffix(p.tables(), shadow_suffix)),
          bulk_(p.start_bulk_load(tables_)), reader_(kafka), dlq_(kafka),
          topics_(std::move(topics)) {
        std::vector<eventlog::partition_offset> from;
        for (const auto& topic : topics_) {
            const auto count = eventlog::partition_count(kafka, topic, kafka_timeout);
            std::vector<std::int32_t> partitions;
            for (std::int32_t i = 0; i < count; ++i) {
                partitions.push_back(i);
                from.push_back({topic, i, 0});
            }
            const auto ends = reader_.end_offsets(topic, partitions, kafka_timeout);
            for (std::size_t i = 0; i < ends.size(); ++i) {
                ends_[{topic, partitions[i]}] = ends[i];
                target_ += static_cast<std::uint64_t>(ends[i]);
            }
        }
        reader_.assign(from);
    }

    /// Reads one batch and applies it in `tx` (bulk loading it until `finish_bulk_load`);
    /// false when nothing arrived in time. While bulk loading, the next batch is read and
    /// decoded in the background as this one is applied.
    bool step(pqxx::transaction_base& tx) {
        auto batch = next_.valid() ? next_.get() : read_batch();
        if (batch.records.empty()) {
            reach(batch.after);
            return false;
        }
        if (bulk_ && !reached_after(batch.after)) {
            next_ = std::async(std::launch::async, [this] { return read_batch(); });
        }
        std::vector<decoded_event> events;
        std::vector<std::size_t> record_of;
        bool dead_letters = false;
        for (std::size_t i = 0; i < batch.records.size(); ++i) {
            auto& decoded = batch.decoded[i];
            if (decoded) {
                events.push_back(std::move(*decoded));
                record_of.push_back(i);
            } else {
                dlq_.add(batch.records[i], projection_.name(), decoded.error());
                dead_letters = true;
            }
        }
        const auto result = bulk_ ? bulk_->add(tx, events) : projection_.apply(tx, events, tables_);
        for (const auto& rejected : result.rejected) {
            dlq_.add(batch.records[record_of[rejected.index]], projection_.name(),
                     {"apply_failed", rejected.detail});
        }
        dead_letters = dead_letters || !result.rejected.empty();
        if (dead_letters) {
            dlq_.flush(kafka_timeout);
        }
        dead_letters_ += result.rejected.size() + (batch.records.size() - events.size());
        reach(batch.after);
        events_ += batch.records.size();
        return true;
    }

    /// Completes the bulk load in `tx`; later steps apply batch by batch.
    void finish_bulk_load(pqxx::transaction_base& tx) {
        bulk_->finish(tx);
        bulk_.reset();
    }

    bool reached(const positions& targets) const {
        return std::ranges::all_of(targets, [&](const auto& target) {
            const auto found = reached_.find(target.first);
            return target.second <= (found == reached_.end() ? 0 : found->second);
        });
    }

    const positions& ends() const { return ends_; }
    const positions& reached() const { return reached_; }
    std::uint64_t events() const { return events_; }
    std::uint64_t target() const { return target_; }
    std::uint64_t dead_letters() const { return dead_letters_; }

private:
    struct read_records {
        std::vector<eventlog::record> records;
        std::vector<std::expected<decoded_event, dead_letter>> decoded; ///< one per record
        /// The reader's positions after the poll, which step past transaction markers and
        /// aborted records as the live projector's checkpoints do, so those are reachable.
        positions after;
    };

    /// Polls and decodes one batch; only one runs at a time (`reader_` is not shared).
    read_records read_batch() {
        read_records batch;
        batch.records = reader_.poll(batch_records, poll_wait);
        for (const auto& r : batch.records) {
            batch.decoded.push_back(decode_record(r));
        }
        for (const auto& [where, end] : ends_) {
            batch.after[where] = reader_.current_position(where.first, where.second);
        }
        return batch;
    }

    void reach(const positions& at) {
        for (const auto& [where, offset] : at) {
            auto& reached = reached_[where];
            reached = std::max(reached, offset);
        }
    }

    /// Whether reaching `at` would reach the end offsets seen at start.
    bool reached_after(const positions& at) const {
        return std::ranges::all_of(ends_, [&](const auto& end) {
            const auto found = at.find(end.first);
            const auto before = reached_.find(end.first);
            return end.second <= std::max(found == at.end() ? 0 : found->second,
                                          before == reached_.end() ? 0 : before->second);
        });
    }

    const projection& projection_;
    table_names tables_;
    std::unique_ptr<bulk_load> bulk_;
    eventlog::log_reader reader_;
    dead_letter_queue dlq_;
    std::vector<std::string> topics_;
    positions ends_;
    positions reached_;
    std::uint64_t events_ = 0;
    std::uint64_t target_ = 0;
    std::uint64_t dead_letters_ = 0;
    std::future<read_records> next_; ///< the batch being read ahead; uses `reader_`
};

class progress_meter {
public:
    explicit progress_meter(const std::function<void(const rebuild_progress&)>& callback)
        : callback_(callback) {}

    void tick(const std::string& phase, const shadow_replay& replay, bool force = false) {
        const auto now = clock::now();
        if (!callback_ || (!force && now < next_)) {
            return;
        }
        next_ = now + std::chrono::seconds(1);
        rebuild_progress p;
        p.phase = phase;
        p.events = replay.events();
        p.target = replay.target();
        const double seconds = std::chrono::duration<double>(now - start_).count();
        p.events_per_second = seconds > 0 ? static_cast<double>(p.events) / seconds : 0;
        if (p.events_per_second > 0 && p.target >= p.events) {
            p.eta_seconds = static_cast<double>(p.target - p.events) / p.events_per_second;
        }
        callback_(p);
    }

private:
    const std::function<void(const rebuild_progress&)>& callback_;
    clock::time_point start_ = clock::now();
    clock::time_point next_ = clock::now();
};

/// The primary key columns of `table`, quoted and comma-separated.
std::string primary_key_columns(pqxx::transaction_base& tx, const std::string& table) {
    return tx
        .exec_params1("SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n)"
                      " FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, n),"
                      " pg_attribute a WHERE i.indrelid = $1::regclass AND i.indisprimary"
                      " AND a.attrelid = i.indrelid AND a.attnum = k.attnum",
                      table)[0]
        .as<std::string>();
}

/// Creates the shadow tables like the live ones but with only their primary keys (which
/// the upserts need); `create_secondary_indexes` adds the rest once the bulk is loaded.
void create_shadow_tables(pqxx::connection& conn, const projection& p) {
    pqxx::work tx(conn);
    for (const auto& table : p.tables()) {
        const std::string live = tx.quote_name(table);
        const std::string shadow = tx.quote_name(table + shadow_suffix);
        tx.exec0("DROP TABLE IF EXISTS " + shadow); // left over by an interrupted rebuild
        tx.exec0("CREATE TABLE " + shadow + " (LIKE " + live + " INCLUDING ALL EXCLUDING INDEXES)");
        tx.exec0("ALTER TABLE " + shadow + " ADD PRIMARY KEY (" + primary_key_columns(tx, table) +
                 ")");
        tx.exec_params("SELECT ventros_secure_read_model($1::regclass)", table + shadow_suffix);
    }
    tx.commit();
}

/// Builds on each shadow table the indexes its live table has besides the primary key
/// (in bulk, which is much cheaper than maintaining them row by row during the replay).
void create_secondary_indexes(pqxx::transaction_base& tx, const projection& p) {
    for (const auto& table : p.tables()) {
        const auto indexes = tx.exec_params(
            "SELECT i.indisunique, regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')"
            " FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary"
            " ORDER BY i.indexrelid",
            table);
        for (const auto& index : indexes) {
            tx.exec0(
                std::string(index[0].as<bool>() ? "CREATE UNIQUE INDEX ON " : "CREATE INDEX ON ") +
                tx.quote_name(table + shadow_suffix) + " USING " + index[1].c_str());
        }
    }
}

/// Shadow index → live index name, matched on definition, so names survive the swap.
std::vector<std::pair<std::string, std::string>>
index_renames(pqxx::transaction_base& tx, const std::string& live, const std::string& shadow) {
    std::vector<std::pair<std::string, std::string>> renames;
    const auto rows = tx.exec_params(
        "WITH defs AS ("
        " SELECT i.indrelid, c.relname AS name, i.indisprimary, i.indisunique,"
        "  regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') AS def"
        " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE i.indrelid IN ($1::regclass, $2::regclass))"
        "SELECT s.name, l.name FROM defs s JOIN defs l"
        " ON l.def = s.def AND l.indisprimary = s.indisprimary AND l.indisunique = s.indisunique"
        " WHERE s.indrelid = $2::regclass AND l.indrelid = $1::regclass",
        live, shadow);
    for (const auto& row : rows) {
        const auto from = row[0].as<std::string>();
        const auto to = row[1].as<std::string>();
        const bool taken = std::ranges::any_of(
            renames, [&](const auto& r) { return r.first == from || r.second == to; });
        if (!taken) {
            renames.emplace_back(from, to);
        }
    }
    return renames;
}

void swap_tables(pqxx::transaction_base& tx, const projection& p) {
    for (const auto& table : p.tables()) {
        const std::string shadow_name = table + shadow_suffix;
        const auto renames = index_renames(tx, table, shadow_name);
        tx.exec0("DROP TABLE " + tx.quote_name(table));
        tx.exec0("ALTER TABLE " + tx.quote_name(shadow_name) + " RENAME TO " +
                 tx.quote_name(table));
        for (const auto& [from, to] : renames) {
            tx.exec0("ALTER INDEX " + tx.quote_name(from) + " RENAME TO " + tx.quote_name(to));
        }
    }
}

} // namespace

rebuild_result rebuild_projection(const std::string& name, const std::string& conninfo_admin,
                                  const eventlog::kafka_config& kafka,
                                  const std::function<void(const rebuild_progress&)>& progress) {
    const auto p = find_projection(name);
    if (!p) {
        throw std::invalid_argument("unknown projection: " + name);
    }
    std::vector<std::string> topics;
    for (const auto& kind : p->topics()) {
        topics.push_back(kafka.topic_prefix + kind);
    }

    pqxx::connection conn(conninfo_admin);
    create_shadow_tables(conn, *p);
    shadow_replay replay(*p, kafka, topics);
    progress_meter meter(progress);

    // Bulk of the work, one transaction per batch, while the live projector runs on.
    while (!replay.reached(replay.ends())) {
        pqxx::work tx(conn);
        const bool got = replay.step(tx);
        tx.commit();
        meter.tick("replay", replay);
        if (!got) {
            break; // nothing more readable now (the end may be a transaction marker)
        }
    }
    {
        pqxx::work tx(conn);
        replay.finish_bulk_load(tx);
        create_secondary_indexes(tx, *p);
        tx.commit();
    }

    // Catch up to the live checkpoints and swap, with the live projector paused.
    pqxx::work tx(conn);
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", projection_lock_key(name));
    const auto live = read_checkpoints(tx, name, topics);
    const auto deadline = clock::now() + catch_up_limit;
    while (!replay.reached(live)) {
        if (clock::now() > deadline) {
            throw std::runtime_error("rebuild of " + name +
                                     " could not reach the live checkpoints in time");
        }
        replay.step(tx);
        meter.tick("catch-up", replay);
    }
    positions final_positions = live;
    for (const auto& [where, offset] : replay.reached()) {
        auto& at = final_positions[where];
        at = std::max(at, offset);
    }
    swap_tables(tx, *p);
    save_checkpoints(tx, name, final_positions);
    tx.commit();
    meter.tick("swapped", replay, true);
    return {replay.events(), replay.dead_letters()};
}

} // namespace ventros::projections
