#include "ventros/projections/tenancy_projection.hpp"

#include "tenancy_rows.hpp"

#include <nlohmann/json.hpp>

namespace ventros::projections {
namespace {

/// Folds the batch's events of `Rows` into their rows and upserts the changed ones into
/// `table` (logical name) keyed by `key`.
template <class Rows>
void fold_and_upsert(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                     const table_names& tables, const std::string& table,
                     const std::vector<std::string>& key, const std::vector<std::string>& columns,
                     apply_result& result) {
    detail::rows_by_key<typename Rows::row> rows;
    const auto quoted = tx.quote_name(tables[table]);
    const auto changed = detail::fold_batch<Rows>(tx, events, quoted, rows, result,
                                                  [](const auto&, const auto&, const auto&) {});
    if (changed.empty()) {
        return;
    }
    auto changed_rows = nlohmann::json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(detail::to_json(*row));
    }
    tx.exec_params0(detail::upsert_from_json_sql(quoted, key, columns), changed_rows.dump());
}

} // namespace

apply_result tenancy_projection::apply(pqxx::transaction_base& tx,
                                       std::span<const decoded_event> events,
                                       const table_names& tables) const {
    apply_result result;
    fold_and_upsert<detail::user_rows>(tx, events, tables, "users", {"user_id"},
                                       detail::user_columns(), result);
    fold_and_upsert<detail::project_rows>(tx, events, tables, "projects", {"tenant_id"},
                                          detail::project_columns(), result);
    fold_and_upsert<detail::subscription_rows>(tx, events, tables, "subscriptions", {"tenant_id"},
                                               detail::subscription_columns(), result);
    return result;
}

} // namespace ventros::projections
