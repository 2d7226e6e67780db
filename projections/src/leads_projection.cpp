#include "ventros/projections/leads_projection.hpp"

#include "array_literal.hpp"
#include "copy_writer.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/projections/lead_row.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <pqxx/pqxx>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace ventros::projections {
namespace {

using detail::array_literal;
using detail::copy_writer;

// In the order of lead_row's members, which the load and the write follow.
constexpr std::array<const char*, 23> lead_columns{
    "tenant_id",    "lead_id",        "name",       "email",       "phone",      "company",
    "source",       "source_details", "stage",      "score",       "bant",       "assigned_to",
    "tags",         "custom_fields",  "created_by", "created_at",  "updated_at", "qualified_at",
    "converted_at", "deal_id",        "lost_at",    "lost_reason", "version"};

// In the order of lead_journal_row's members.
constexpr std::array<const char*, 11> journal_columns{
    "tenant_id", "lead_id", "version", "event_id",  "type",      "occurred_at",
    "actor",     "data",    "topic",   "partition", "\"offset\""};

std::string column_list(std::span<const char* const> columns) {
    std::string list;
    for (const char* c : columns) {
        list += list.empty() ? "" : ", ";
        list += c;
    }
    return list;
}

std::vector<std::string> names_of(std::span<const char* const> columns) {
    std::vector<std::string> names;
    for (const char* c : columns) {
        names.emplace_back(c);
    }
    return names;
}

/// The per-session staging table a batch is copied into, like `table`; emptied at every
/// commit and by the statement that moves its rows on.
std::string staging_table(pqxx::transaction_base& tx, const std::string& name,
                          const std::string& table) {
    const std::string staging = "pg_temp." + name;
    if (tx.exec_params1("SELECT to_regclass($1) IS NULL", staging)[0].as<bool>()) {
        tx.exec0("CREATE TEMP TABLE " + name + " (LIKE " + table + ") ON COMMIT DELETE ROWS");
    }
    return staging;
}

/// Updates the rows of `table` that the staged rows are newer versions of, emptying the
/// staging table. The version guard keeps a stale writer from moving a row backwards.
std::string update_sql(const std::string& staging, const std::string& table) {
    std::string updates;
    for (const char* c : lead_columns) {
        const std::string name = c;
        if (name == "tenant_id" || name == "lead_id") {
            continue;
        }
        updates += updates.empty() ? "" : ", ";
        updates += name + " = s." + name;
    }
    return "WITH s AS (DELETE FROM " + staging + " RETURNING " + column_list(lead_columns) +
           ") UPDATE " + table + " AS t SET " + updates +
           " FROM s WHERE t.tenant_id = s.tenant_id AND t.lead_id = s.lead_id"
           " AND t.version < s.version";
}

std::string load_sql(const std::string& table) {
    std::string values;
    for (const char* c : lead_columns) {
        values += values.empty() ? "" : ", ";
        values += std::string("l.") + c + "::text";
    }
    return "SELECT " + values + " FROM " + table +
           " l WHERE (l.tenant_id, l.lead_id) IN (SELECT DISTINCT * FROM unnest($1::text[], "
           "$2::uuid[]))";
}

std::optional<std::string> optional_text(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str());
}

lead_row row_of(const pqxx::row& r) {
    lead_row row;
    row.tenant_id = r[0].c_str();
    row.lead_id = r[1].c_str();
    row.name = r[2].c_str();
    row.email = optional_text(r[3]);
    row.phone = optional_text(r[4]);
    row.company = optional_text(r[5]);
    row.source = r[6].c_str();
    row.source_details = optional_text(r[7]);
    row.stage = r[8].c_str();
    row.score = r[9].as<std::int64_t>();
    row.bant = optional_text(r[10]);
    row.assigned_to = optional_text(r[11]);
    row.tags = r[12].c_str();
    row.custom_fields = r[13].c_str();
    row.created_by = r[14].c_str();
    row.created_at = r[15].c_str();
    row.updated_at = r[16].c_str();
    row.qualified_at = optional_text(r[17]);
    row.converted_at = optional_text(r[18]);
    row.deal_id = optional_text(r[19]);
    row.lost_at = optional_text(r[20]);
    row.lost_reason = optional_text(r[21]);
    row.version = r[22].as<std::int64_t>();
    return row;
}

/// COPYs rows into `table` (the target itself, or a staging table).
void copy_rows(pqxx::transaction_base& tx, const std::string& table,
               const std::vector<const lead_row*>& rows) {
    copy_writer copy(tx, table, names_of(lead_columns));
    for (const auto* row : rows) {
        copy.add(row->tenant_id);
        copy.add(row->lead_id);
        copy.add(row->name);
        copy.add(row->email);
        copy.add(row->phone);
        copy.add(row->company);
        copy.add(row->source);
        copy.add(row->source_details);
        copy.add(row->stage);
        copy.add(row->score);
        copy.add(row->bant);
        copy.add(row->assigned_to);
        copy.add(row->tags);
        copy.add(row->custom_fields);
        copy.add(row->created_by);
        copy.add(row->created_at);
        copy.add(row->updated_at);
        copy.add(row->qualified_at);
        copy.add(row->converted_at);
        copy.add(row->deal_id);
        copy.add(row->lost_at);
        copy.add(row->lost_reason);
        copy.add(row->version);
        copy.end_row();
    }
    copy.complete();
}

/// COPYs journal rows into `table` (the target itself, or a staging table).
void copy_journal(pqxx::transaction_base& tx, const std::string& table,
                  const std::vector<lead_journal_row>& rows) {
    copy_writer copy(tx, table, names_of(journal_columns));
    for (const auto& row : rows) {
        copy.add(row.tenant_id);
        copy.add(row.lead_id);
        copy.add(row.version);
        copy.add(row.event_id);
        copy.add(row.type);
        copy.add(row.occurred_at);
        copy.add(row.actor);
        copy.add(row.data);
        copy.add(row.topic);
        copy.add(std::int64_t{row.partition});
        copy.add(row.offset);
        copy.end_row();
    }
    copy.complete();
}

std::string row_key(const std::string& tenant, const std::string& lead) {
    std::string key = tenant;
    key += '\0';
    std::ranges::transform(lead, std::back_inserter(key),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

using lead_rows = std::unordered_map<std::string, std::optional<lead_row>>;

struct folded_batch {
    apply_result result;
    std::vector<const lead_row*> changed; ///< into the rows folded, each once
    std::vector<lead_journal_row> journal;
};

/// Folds `events` in log order into `rows`, which holds every row they touch that exists.
folded_batch fold_batch(std::span<const decoded_event> events, lead_rows& rows) {
    folded_batch out;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        const auto* event = std::get_if<domain::lead_event>(&e.event);
        if (event == nullptr) {
            continue; // another aggregate's: not this read model's
        }
        const std::string key = row_key(e.attributes.tenant_id, domain::subject_of(*event).str());
        auto& row = rows[key];
        const auto outcome = fold_lead_row(row, e);
        if (!outcome) {
            out.result.rejected.push_back({i, outcome.error()});
            continue;
        }
        if (*outcome == fold_outcome::already_applied) {
            ++out.result.skipped;
            continue;
        }
        ++out.result.applied;
        if (seen.insert(key).second) {
            out.changed.push_back(&*row);
        }
        out.journal.push_back(journal_row_of(e, *row));
    }
    return out;
}

/// Keeps the rows in memory and COPYs them once at the end; the journal is COPYed batch
/// by batch. Nothing is read back: the tables start empty and the replay starts at the
/// beginning of the log, so these rows are all there is. Past `max_rows` rows, it writes
/// them and applies the following batches (memory stays bounded on big logs).
class leads_bulk_load final : public bulk_load {
public:
    leads_bulk_load(const projection& p, table_names tables, std::size_t max_rows)
        : projection_(p), tables_(std::move(tables)), max_rows_(max_rows) {}

    apply_result add(pqxx::transaction_base& tx, std::span<const decoded_event> events) override {
        if (written_) {
            return projection_.apply(tx, events, tables_);
        }
        auto folded = fold_batch(events, rows_);
        if (!folded.journal.empty()) {
            copy_journal(tx, tx.quote_name(tables_["lead_events"]), folded.journal);
        }
        if (rows_.size() > max_rows_) {
            write_rows(tx);
        }
        return folded.result;
    }

    void finish(pqxx::transaction_base& tx) override {
        if (!written_) {
            write_rows(tx);
        }
    }

private:
    void write_rows(pqxx::transaction_base& tx) {
        std::vector<const lead_row*> all;
        for (const auto& [key, row] : rows_) {
            if (row) {
                all.push_back(&*row);
            }
        }
        copy_rows(tx, tx.quote_name(tables_["leads"]), all);
        rows_.clear();
        written_ = true;
    }

    const projection& projection_;
    table_names tables_;
    std::size_t max_rows_;
    lead_rows rows_;
    bool written_ = false; ///< the rows are in the table: batches are applied from then on
};

} // namespace

apply_result leads_projection::apply(pqxx::transaction_base& tx,
                                     std::span<const decoded_event> events,
                                     const table_names& tables) const {
    apply_result result;
    if (events.empty()) {
        return result;
    }
    const std::string leads = tx.quote_name(tables["leads"]);
    const std::string journal = tx.quote_name(tables["lead_events"]);

    // One SELECT for every row the batch touches (a replayed lead.created must find its
    // row to be skipped). Ids that are not UUIDs are left out here and rejected by the fold.
    lead_rows rows;
    array_literal tenants;
    array_literal lead_ids;
    for (const auto& e : events) {
        const auto* event = std::get_if<domain::lead_event>(&e.event);
        if (event == nullptr) {
            continue;
        }
        const auto& lead = domain::subject_of(*event).str();
        const bool first = rows.try_emplace(row_key(e.attributes.tenant_id, lead)).second;
        if (first && domain::is_uuid(lead)) {
            tenants.add(e.attributes.tenant_id);
            lead_ids.add(lead);
        }
    }
    for (const auto& loaded : tx.exec_params(load_sql(leads), tenants.str(), lead_ids.str())) {
        auto row = row_of(loaded);
        const std::string key = row_key(row.tenant_id, row.lead_id);
        rows[key] = std::move(row);
    }

    std::unordered_set<const lead_row*> existing;
    for (const auto& [key, row] : rows) {
        if (row) {
            existing.insert(&*row);
        }
    }

    auto folded = fold_batch(events, rows);
    if (folded.changed.empty()) {
        return folded.result;
    }
    // New rows and journal entries are COPYed straight in: if another writer added the
    // same ones since the SELECT, the unique keys fail the transaction and the retry
    // finds them. Changed rows go through a staging table into one guarded UPDATE.
    std::vector<const lead_row*> added;
    std::vector<const lead_row*> updated;
    for (const auto* row : folded.changed) {
        (existing.contains(row) ? updated : added).push_back(row);
    }
    if (!added.empty()) {
        copy_rows(tx, leads, added);
    }
    if (!updated.empty()) {
        const auto staging = staging_table(tx, "lead_rows_staging", leads);
        copy_rows(tx, staging, updated);
        tx.exec0(update_sql(staging, leads));
    }
    copy_journal(tx, journal, folded.journal);
    return folded.result;
}

std::unique_ptr<bulk_load> leads_projection::start_bulk_load(const table_names& tables) const {
    return std::make_unique<leads_bulk_load>(*this, tables, bulk_rows_in_memory_);
}

} // namespace ventros::projections
