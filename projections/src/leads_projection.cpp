#include "ventros/projections/leads_projection.hpp"

#include "ventros/domain/ids.hpp"
#include "ventros/projections/lead_queries.hpp"
#include "ventros/projections/lead_row.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <unordered_map>
#include <unordered_set>

namespace ventros::projections {
namespace {

using nlohmann::json;

constexpr const char* lead_columns[] = {
    "tenant_id",    "lead_id",        "name",       "email",       "phone",      "company",
    "source",       "source_details", "stage",      "score",       "bant",       "assigned_to",
    "tags",         "custom_fields",  "created_by", "created_at",  "updated_at", "qualified_at",
    "converted_at", "deal_id",        "lost_at",    "lost_reason", "version"};

constexpr const char* journal_columns[] = {"tenant_id", "lead_id",     "version",   "event_id",
                                           "type",      "occurred_at", "actor",     "data",
                                           "topic",     "partition",   "\"offset\""};

template <std::size_t N>
std::string column_list(const char* const (&columns)[N]) {
    std::string list;
    for (const char* column : columns) {
        list += list.empty() ? "" : ", ";
        list += column;
    }
    return list;
}

std::string row_key(const std::string& tenant, const std::string& lead) {
    std::string key = tenant;
    key += '\0';
    std::ranges::transform(lead, std::back_inserter(key),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

std::string upsert_sql(const std::string& table) {
    std::string updates;
    for (const char* column : lead_columns) {
        const std::string name = column;
        if (name == "tenant_id" || name == "lead_id") {
            continue;
        }
        updates += updates.empty() ? "" : ", ";
        updates += name + " = EXCLUDED." + name;
    }
    const std::string columns = column_list(lead_columns);
    // The version guard keeps a stale writer from moving a row backwards.
    return "INSERT INTO " + table + " AS t (" + columns + ") SELECT " + columns +
           " FROM json_populate_recordset(NULL::" + table + ", $1::json)" +
           " ON CONFLICT (tenant_id, lead_id) DO UPDATE SET " + updates +
           " WHERE t.version < EXCLUDED.version";
}

std::string journal_sql(const std::string& table) {
    const std::string columns = column_list(journal_columns);
    return "INSERT INTO " + table + " (" + columns + ") SELECT " + columns +
           " FROM json_populate_recordset(NULL::" + table + ", $1::json) ON CONFLICT DO NOTHING";
}

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

    // One SELECT for every row the batch touches. Ids that are not UUIDs are left out
    // here and rejected by the fold.
    auto keys = json::array();
    for (const auto& e : events) {
        const auto& lead = domain::subject_of(e.event).str();
        if (domain::is_uuid(lead)) {
            keys.push_back({{"tenant_id", e.attributes.tenant_id}, {"lead_id", lead}});
        }
    }
    std::unordered_map<std::string, std::optional<json>> rows;
    const auto loaded = tx.exec_params(
        "SELECT row_to_json(l)::text FROM " + leads +
            " l WHERE (l.tenant_id, l.lead_id) IN (SELECT DISTINCT k.tenant_id, k.lead_id "
            "FROM json_to_recordset($1::json) AS k(tenant_id text, lead_id uuid))",
        keys.dump());
    for (const auto& row : loaded) {
        json value = json::parse(row[0].c_str());
        const std::string key = row_key(value.at("tenant_id").get<std::string>(),
                                        value.at("lead_id").get<std::string>());
        rows[key] = std::move(value);
    }

    // Fold in log order; only changed rows are written back.
    std::vector<std::string> changed;
    std::unordered_set<std::string> seen;
    auto journal_rows = json::array();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        const std::string key = row_key(e.attributes.tenant_id, domain::subject_of(e.event).str());
        auto& row = rows[key];
        const auto outcome = fold_lead_row(row, e);
        if (!outcome) {
            result.rejected.push_back({i, outcome.error()});
            continue;
        }
        if (*outcome == fold_outcome::already_applied) {
            ++result.skipped;
            continue;
        }
        ++result.applied;
        if (seen.insert(key).second) {
            changed.push_back(key);
        }
        journal_rows.push_back(lead_journal_row(e));
    }
    if (changed.empty()) {
        return result;
    }

    auto final_rows = json::array();
    for (const auto& key : changed) {
        final_rows.push_back(*rows[key]);
    }
    tx.exec_params0(upsert_sql(leads), final_rows.dump());
    tx.exec_params0(journal_sql(journal), journal_rows.dump());
    return result;
}

} // namespace ventros::projections
