#include "ventros/projections/activities_projection.hpp"

#include "activity_row.hpp"
#include "aggregate_batch.hpp"

namespace ventros::projections {
namespace {

struct activity_rows {
    using event = domain::activity_event;
    using row = detail::activity_row;
    static constexpr const char* id_column = "activity_id";
    static row row_of(const pqxx::row& r) { return detail::activity_row_of(r); }
    static const std::string& id_of(const row& r) { return r.activity_id; }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_activity_row(r, e, event);
    }
};

} // namespace

apply_result activities_projection::apply(pqxx::transaction_base& tx,
                                          std::span<const decoded_event> events,
                                          const table_names& tables) const {
    apply_result result;
    detail::rows_by_key<detail::activity_row> rows;
    auto journal = nlohmann::json::array();
    const auto changed = detail::fold_batch<activity_rows>(
        tx, events, tx.quote_name(tables["activities"]), rows, result,
        [&journal](const decoded_event& e, const domain::activity_event& event,
                   const detail::activity_row& row) {
            journal.push_back(detail::activity_journal_row(e, event, row));
        });
    if (changed.empty()) {
        return result;
    }
    auto changed_rows = nlohmann::json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(detail::to_json(*row));
    }
    tx.exec_params0(detail::upsert_from_json_sql(tx.quote_name(tables["activities"]),
                                                 {"tenant_id", "activity_id"},
                                                 detail::activity_columns()),
                    changed_rows.dump());
    tx.exec_params0(detail::insert_from_json_sql(tx.quote_name(tables["activity_events"])),
                    journal.dump());
    return result;
}

} // namespace ventros::projections
