#include "ventros/projections/deals_projection.hpp"

#include "aggregate_batch.hpp"
#include "deal_row.hpp"

namespace ventros::projections {
namespace {

struct deal_rows {
    using event = domain::deal_event;
    using row = detail::deal_row;
    static constexpr const char* id_column = "deal_id";
    static row row_of(const pqxx::row& r) { return detail::deal_row_of(r); }
    static const std::string& id_of(const row& r) { return r.deal_id; }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_deal_row(r, e, event);
    }
};

} // namespace

apply_result deals_projection::apply(pqxx::transaction_base& tx,
                                     std::span<const decoded_event> events,
                                     const table_names& tables) const {
    apply_result result;
    detail::rows_by_key<detail::deal_row> rows;
    auto journal = nlohmann::json::array();
    const auto changed = detail::fold_batch<deal_rows>(
        tx, events, tx.quote_name(tables["deals"]), rows, result,
        [&journal](const decoded_event& e, const domain::deal_event& event,
                   const detail::deal_row& row) {
            journal.push_back(detail::deal_journal_row(e, event, row));
        });
    if (changed.empty()) {
        return result;
    }
    auto changed_rows = nlohmann::json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(detail::to_json(*row));
    }
    tx.exec_params0(detail::upsert_from_json_sql(tx.quote_name(tables["deals"]),
                                                 {"tenant_id", "deal_id"}, detail::deal_columns()),
                    changed_rows.dump());
    tx.exec_params0(detail::insert_from_json_sql(tx.quote_name(tables["deal_events"])),
                    journal.dump());
    return result;
}

} // namespace ventros::projections
