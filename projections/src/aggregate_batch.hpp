#pragma once

#include "array_literal.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/projections/decoded_event.hpp"
#include "ventros/projections/projection.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
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
