#pragma once

#include "array_literal.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/projections/decoded_event.hpp"
#include "ventros/projections/projection.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

namespace ventros::projections::detail {

/// An event of one aggregate kind in a batch, and where it stands in the batch.
template <class Event>
struct event_of_kind {
    std::size_t index = 0; ///< into the batch given to `projection::apply`
    const decoded_event* decoded = nullptr;
    const Event* event = nullptr;
};

/// The events of `batch` whose aggregate is an `Event` (e.g. domain::deal_event), in log
/// order; the others are not this projection's business.
template <class Event>
std::vector<event_of_kind<Event>> events_of_kind(std::span<const decoded_event> batch) {
    std::vector<event_of_kind<Event>> out;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (const auto* event = std::get_if<Event>(&batch[i].event)) {
            out.push_back({i, &batch[i], event});
        }
    }
    return out;
}

/// Key of a read-model row in memory: the tenant and the lower-cased aggregate id.
std::string row_key(const std::string& tenant, const std::string& aggregate_id);

/// Text lower-cased (ASCII), as PostgreSQL prints UUIDs.
std::string lower(std::string text);

/// What an event's aggregate version means for a row at `row_version` (0: no row yet).
enum class version_step { apply, already_applied };

/// `apply` when the event is the row's next version, `already_applied` at or below it
/// (a replay), the reason when versions are missing in between.
std::expected<version_step, std::string> next_version_step(std::int64_t row_version,
                                                           std::uint32_t event_version);

/// `ce_time` as RFC 3339 UTC with milliseconds, or why it is not a time.
std::expected<std::string, std::string> event_time(const decoded_event& e);

/// What a fold says when an aggregate's creation is missing or repeated, e.g. "first event
/// of a deal is not deal.created" and "deal.created for a deal that already exists".
struct creation_refusals {
    std::string_view not_created;
    std::string_view created_again;
};

/// Folds `event` into a row kept column by column: `invalid_values(e, event)` first (the
/// reason when a value would make the table refuse the batch), the event's time, its
/// version step against the row's, then a new row from `new_row(e, created)` when the event
/// is the first (it must be a `Created`) or else `evolve_row(*row, event, at)` (it must not
/// be); `created_at` (new rows), `updated_at` and `version` follow the event. Returns the
/// step or why it cannot apply. `Row` has `created_at`, `updated_at` (strings) and
/// `version` (integer). Pure.
template <class Created, class Row, class Event, class InvalidValues, class NewRow, class EvolveRow>
std::expected<version_step, std::string>
fold_created_row(std::optional<Row>& row, const decoded_event& e, const Event& event,
                 const creation_refusals& refusals, InvalidValues invalid_values, NewRow new_row,
                 EvolveRow evolve_row) {
    if (auto invalid = invalid_values(e, event)) {
        return std::unexpected(std::move(*invalid));
    }
    const auto at = event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step = next_version_step(row ? row->version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const auto* created = std::get_if<Created>(&event);
    if (!row) {
        if (created == nullptr) {
            return std::unexpected(std::string(refusals.not_created));
        }
        row = new_row(e, *created);
        row->created_at = *at;
    } else if (created != nullptr) {
        return std::unexpected(std::string(refusals.created_again));
    }
    evolve_row(*row, event, *at);
    row->updated_at = *at;
    row->version = e.attributes.aggregate_version;
    return version_step::apply;
}

/// The row an applied event left, as its journal entry names it.
struct journal_subject {
    std::string_view tenant_id;
    std::string_view id_column;   ///< e.g. "deal_id"
    std::string_view id;          ///< the aggregate id as the row holds it
    std::int64_t version = 0;     ///< the row's version after the event
    std::string_view occurred_at; ///< the row's `updated_at` after the event
};

/// The journal (`<aggregate>_events`) row of `e`, a JSON object keyed by column: the
/// subject's tenant, id and version, the event's id, `type`, actor (null when none),
/// `data` (`data_json`, the event's encoded body, parsed) and where it stands in the log.
/// Throws nlohmann::json::parse_error when `data_json` is not JSON.
nlohmann::json journal_row(const decoded_event& e, const journal_subject& subject,
                           std::string_view type, std::string_view data_json);

/// `INSERT INTO table SELECT * FROM jsonb_populate_recordset(NULL::table, $1::jsonb)`:
/// one statement writes a JSON array of rows (objects keyed by column name). `table` is
/// quoted.
std::string insert_from_json_sql(const std::string& table);

/// The same INSERT, and on a conflict over `key` an update of every other column of
/// `columns`, only towards a higher `version` (a stale writer never moves a row back).
std::string upsert_from_json_sql(const std::string& table, const std::vector<std::string>& key,
                                 const std::vector<std::string>& columns);

/// The SQL type of `Rows::id_column`: `Rows::id_type` when given ("text"), else "uuid".
/// Events whose uuid id is not a UUID are not looked up (their fold rejects them).
template <class Rows>
constexpr std::string_view id_type_of() {
    if constexpr (requires { Rows::id_type; }) {
        return Rows::id_type;
    } else {
        return "uuid";
    }
}

/// Whether rows are keyed by (tenant_id, id), the default, or by the id alone
/// (`Rows::tenant_in_key = false`: global rows such as users, or rows whose id is the
/// tenant). Rows keyed by the id alone need no `tenant_id` member; their fold checks the
/// event's tenant itself.
template <class Rows>
constexpr bool tenant_in_key() {
    if constexpr (requires { Rows::tenant_in_key; }) {
        return Rows::tenant_in_key;
    } else {
        return true;
    }
}

/// The in-memory key of `Rows`'s row of `tenant` and `aggregate_id`.
template <class Rows>
std::string key_of(const std::string& tenant, const std::string& aggregate_id) {
    return row_key(tenant_in_key<Rows>() ? tenant : std::string{}, aggregate_id);
}

/// The in-memory key of a row loaded from the table.
template <class Rows>
std::string key_of(const typename Rows::row& row) {
    if constexpr (tenant_in_key<Rows>()) {
        return row_key(row.tenant_id, Rows::id_of(row));
    } else {
        return row_key({}, Rows::id_of(row));
    }
}

/// `SELECT *` from `table` (quoted) of the rows with the given keys: `tenants` and `ids`
/// are parallel array literals (`tenants` is unused when the tenant is not in the key).
template <class Rows>
pqxx::result select_rows(pqxx::transaction_base& tx, const std::string& table,
                         const array_literal& tenants, const array_literal& ids) {
    const std::string type(id_type_of<Rows>());
    if constexpr (tenant_in_key<Rows>()) {
        return tx.exec_params("SELECT * FROM " + table + " WHERE (tenant_id, " + Rows::id_column +
                                  ") IN (SELECT * FROM unnest($1::text[], $2::" + type + "[]))",
                              tenants.str(), ids.str());
    } else {
        return tx.exec_params("SELECT * FROM " + table + " WHERE " + Rows::id_column +
                                  " = ANY($1::" + type + "[])",
                              ids.str());
    }
}

/// The rows of one aggregate kind in memory, by `row_key`; nullopt: no row (yet).
template <class Row>
using rows_by_key = std::unordered_map<std::string, std::optional<Row>>;

/// Folds the events of `batch` that are about `Rows::event` aggregates into their rows:
/// one SELECT of the rows they touch from `table` (quoted), then each event in log order
/// through `Rows::fold`, counted in `result` (other events are left out of it).
/// `on_applied(decoded, event, row)` sees each applied event with the row it produced.
/// Returns the rows changed, each once, pointing into `rows`.
///
/// `Rows` provides: `event` and `row` types; `id_column` (the key column besides
/// tenant_id); `row_of(const pqxx::row&)` for a `SELECT *` row; `id_of(const row&)`;
/// `fold(std::optional<row>&, const decoded_event&, const event&)` returning
/// `std::expected<version_step, std::string>`; optionally `id_type` and `tenant_in_key`
/// (see below).
template <class Rows, class OnApplied>
std::vector<const typename Rows::row*>
fold_batch(pqxx::transaction_base& tx, std::span<const decoded_event> batch,
           const std::string& table, rows_by_key<typename Rows::row>& rows, apply_result& result,
           OnApplied on_applied) {
    const auto events = events_of_kind<typename Rows::event>(batch);
    if (events.empty()) {
        return {};
    }
    // Ids that are not UUIDs are left out of the SELECT and rejected by the fold.
    array_literal tenants;
    array_literal ids;
    for (const auto& e : events) {
        const auto& id = domain::subject_of(*e.event).str();
        const bool first =
            rows.try_emplace(key_of<Rows>(e.decoded->attributes.tenant_id, id)).second;
        if (first && (id_type_of<Rows>() != "uuid" || domain::is_uuid(id))) {
            tenants.add(e.decoded->attributes.tenant_id);
            ids.add(id);
        }
    }
    for (const auto& loaded : select_rows<Rows>(tx, table, tenants, ids)) {
        auto row = Rows::row_of(loaded);
        auto key = key_of<Rows>(row);
        rows[std::move(key)] = std::move(row);
    }

    std::vector<const typename Rows::row*> changed;
    std::unordered_set<const typename Rows::row*> seen;
    for (const auto& e : events) {
        auto& row =
            rows[key_of<Rows>(e.decoded->attributes.tenant_id, domain::subject_of(*e.event).str())];
        const auto step = Rows::fold(row, *e.decoded, *e.event);
        if (!step) {
            result.rejected.push_back({e.index, step.error()});
        } else if (*step == version_step::already_applied) {
            ++result.skipped;
        } else {
            ++result.applied;
            if (seen.insert(&*row).second) {
                changed.push_back(&*row);
            }
            on_applied(*e.decoded, *e.event, *row);
        }
    }
    return changed;
}

} // namespace ventros::projections::detail
