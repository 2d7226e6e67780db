#include "ventros/projections/contacts_projection.hpp"

#include "aggregate_batch.hpp"
#include "contact_rows.hpp"

#include <algorithm>

namespace ventros::projections {
namespace {

using nlohmann::json;

struct contact_rows {
    using event = domain::contact_event;
    using row = detail::contact_row;
    static constexpr const char* id_column = "contact_id";
    static row row_of(const pqxx::row& r) { return detail::contact_row_of(r); }
    static const std::string& id_of(const row& r) { return r.record.id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_contact_row(r, e, event);
    }
    static json journal_row(const decoded_event& e, const event& event, const row& r) {
        return detail::contact_journal_row(e, event, r);
    }
};

struct company_rows {
    using event = domain::company_event;
    using row = detail::company_row;
    static constexpr const char* id_column = "company_id";
    static row row_of(const pqxx::row& r) { return detail::company_row_of(r); }
    static const std::string& id_of(const row& r) { return r.record.id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return detail::fold_company_row(r, e, event);
    }
    static json journal_row(const decoded_event& e, const event& event, const row& r) {
        return detail::company_journal_row(e, event, r);
    }
};

/// Folds the batch's events of one kind and writes its changed rows and journal.
template <class Rows>
void apply_kind(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                const std::string& table, const std::string& journal_table,
                const std::vector<std::string>& columns, apply_result& result) {
    detail::rows_by_key<typename Rows::row> rows;
    auto journal = json::array();
    const auto changed = detail::fold_batch<Rows>(
        tx, events, tx.quote_name(table), rows, result,
        [&journal](const decoded_event& e, const typename Rows::event& event,
                   const typename Rows::row& row) {
            journal.push_back(Rows::journal_row(e, event, row));
        });
    if (changed.empty()) {
        return;
    }
    auto changed_rows = json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(detail::to_json(*row));
    }
    tx.exec_params0(
        detail::upsert_from_json_sql(tx.quote_name(table), {"tenant_id", Rows::id_column}, columns),
        changed_rows.dump());
    tx.exec_params0(detail::insert_from_json_sql(tx.quote_name(journal_table)), journal.dump());
}

} // namespace

apply_result contacts_projection::apply(pqxx::transaction_base& tx,
                                        std::span<const decoded_event> events,
                                        const table_names& tables) const {
    apply_result result;
    apply_kind<company_rows>(tx, events, tables["companies"], tables["company_events"],
                             detail::company_columns(), result);
    apply_kind<contact_rows>(tx, events, tables["contacts"], tables["contact_events"],
                             detail::contact_columns(), result);
    // The kinds were folded one after the other: dead letters go out in log order.
    std::ranges::sort(result.rejected, {}, &rejected_event::index);
    return result;
}

} // namespace ventros::projections
