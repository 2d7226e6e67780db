#include "deal_row.hpp"

#include "row_columns.hpp"
#include "ventros/domain/deal_codec.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/overloaded.hpp"
#include "ventros/projections/deal_queries.hpp"

#include <pqxx/pqxx>

namespace ventros::projections::detail {
namespace {

using nlohmann::json;

// Values that would make the set-based write fail for the whole batch are rejected here.
std::optional<std::string> invalid_values(const decoded_event& e, const domain::deal_event& event) {
    const auto& deal = domain::subject_of(event).str();
    if (!domain::is_uuid(deal)) {
        return "deal id is not a UUID: " + deal;
    }
    if (!domain::is_uuid(e.attributes.id)) {
        return "ce_id is not a UUID: " + e.attributes.id;
    }
    if (e.attributes.tenant_id.empty()) {
        return "event has no tenant";
    }
    std::vector<std::string> uuids;
    std::optional<std::string> date;
    if (const auto* created = std::get_if<domain::deal_created>(&event)) {
        uuids.push_back(created->pipeline.str());
        uuids.push_back(created->lead.value_or(domain::lead_id{}).str());
        uuids.push_back(created->company.value_or(domain::company_id{}).str());
        date = created->expected_close;
    } else if (const auto* updated = std::get_if<domain::deal_updated>(&event)) {
        if (updated->company && *updated->company) {
            uuids.push_back((*updated->company)->str());
        }
        if (updated->expected_close) {
            date = *updated->expected_close;
        }
    }
    for (const auto& id : uuids) {
        if (!id.empty() && !domain::is_uuid(id)) {
            return "id is not a UUID: " + id;
        }
    }
    if (date && !is_iso_date(*date)) {
        return "expected_close is not a YYYY-MM-DD date: " + *date;
    }
    return std::nullopt;
}

deal_row new_row(const decoded_event& e, const domain::deal_created& created) {
    deal_row row;
    row.tenant_id = e.attributes.tenant_id;
    row.deal_id = lower(created.id.str());
    row.title = created.title;
    row.value_cents = created.value.cents;
    row.currency = created.value.currency;
    row.pipeline_id = lower(created.pipeline.str());
    row.stage = created.stage;
    row.probability = created.probability;
    row.probability_overridden = created.probability_overridden;
    row.status = std::string(domain::to_string(domain::deal_status::open));
    row.owner_id = created.owner.str();
    row.lead_id = lower_id(created.lead);
    row.company_id = lower_id(created.company);
    row.expected_close = created.expected_close;
    row.created_by = e.attributes.actor;
    return row;
}

// Applies the event's changes to an existing row (version and updated_at are set by the caller).
void evolve_row(deal_row& row, const domain::deal_event& event, const std::string& at) {
    std::visit(domain::overloaded{
                   [](const domain::deal_created&) {},
                   [&](const domain::deal_updated& e) {
                       row.title = e.title.value_or(row.title);
                       if (e.value) {
                           row.value_cents = e.value->cents;
                           row.currency = e.value->currency;
                       }
                       if (e.expected_close) {
                           row.expected_close = *e.expected_close;
                       }
                       if (e.owner) {
                           row.owner_id = e.owner->str();
                       }
                       if (e.company) {
                           row.company_id = lower_id(*e.company);
                       }
                   },
                   [&](const domain::deal_stage_moved& e) {
                       row.stage = e.to;
                       row.probability = e.probability;
                       row.probability_overridden = e.probability_overridden;
                   },
                   [&](const domain::deal_won& e) {
                       row.status = std::string(domain::to_string(domain::deal_status::won));
                       row.value_cents = e.value.cents;
                       row.currency = e.value.currency;
                       row.won_at = at;
                   },
                   [&](const domain::deal_lost& e) {
                       row.status = std::string(domain::to_string(domain::deal_status::lost));
                       row.lost_at = at;
                       row.lost_reason = e.reason;
                   },
                   [&](const domain::deal_reopened&) {
                       row.status = std::string(domain::to_string(domain::deal_status::open));
                       row.won_at.reset();
                       row.lost_at.reset();
                       row.lost_reason.reset();
                   },
               },
               event);
}

} // namespace

const std::vector<std::string>& deal_columns() {
    static const std::vector<std::string> columns{
        "tenant_id",   "deal_id",        "title",
        "value_cents", "currency",       "pipeline_id",
        "stage",       "probability",    "probability_overridden",
        "status",      "owner_id",       "lead_id",
        "company_id",  "expected_close", "lost_reason",
        "created_by",  "created_at",     "updated_at",
        "won_at",      "lost_at",        "version"};
    return columns;
}

deal_row deal_row_of(const pqxx::row& r) {
    deal_row row;
    row.tenant_id = r["tenant_id"].c_str();
    row.deal_id = r["deal_id"].c_str();
    row.title = r["title"].c_str();
    row.value_cents = r["value_cents"].as<std::int64_t>();
    row.currency = r["currency"].c_str();
    row.pipeline_id = r["pipeline_id"].c_str();
    row.stage = r["stage"].c_str();
    row.probability = r["probability"].as<std::int64_t>();
    row.probability_overridden = r["probability_overridden"].as<bool>();
    row.status = r["status"].c_str();
    row.owner_id = r["owner_id"].c_str();
    row.lead_id = optional_text(r["lead_id"]);
    row.company_id = optional_text(r["company_id"]);
    row.expected_close = optional_text(r["expected_close"]);
    row.lost_reason = optional_text(r["lost_reason"]);
    row.created_by = r["created_by"].c_str();
    row.created_at = r["created_at"].c_str();
    row.updated_at = r["updated_at"].c_str();
    row.won_at = optional_text(r["won_at"]);
    row.lost_at = optional_text(r["lost_at"]);
    row.version = r["version"].as<std::int64_t>();
    return row;
}

json to_json(const deal_row& row) {
    return {{"tenant_id", row.tenant_id},
            {"deal_id", row.deal_id},
            {"title", row.title},
            {"value_cents", row.value_cents},
            {"currency", row.currency},
            {"pipeline_id", row.pipeline_id},
            {"stage", row.stage},
            {"probability", row.probability},
            {"probability_overridden", row.probability_overridden},
            {"status", row.status},
            {"owner_id", row.owner_id},
            {"lead_id", nullable(row.lead_id)},
            {"company_id", nullable(row.company_id)},
            {"expected_close", nullable(row.expected_close)},
            {"lost_reason", nullable(row.lost_reason)},
            {"created_by", row.created_by},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at},
            {"won_at", nullable(row.won_at)},
            {"lost_at", nullable(row.lost_at)},
            {"version", row.version}};
}

std::expected<version_step, std::string> fold_deal_row(std::optional<deal_row>& row,
                                                       const decoded_event& e,
                                                       const domain::deal_event& event) {
    static constexpr creation_refusals refusals{
        .not_created = "first event of a deal is not deal.created",
        .created_again = "deal.created for a deal that already exists"};
    return fold_created_row<domain::deal_created>(row, e, event, refusals, invalid_values, new_row,
                                                  evolve_row);
}

json deal_journal_row(const decoded_event& e, const domain::deal_event& event,
                      const deal_row& row) {
    return journal_row(e, {row.tenant_id, "deal_id", row.deal_id, row.version, row.updated_at},
                       domain::event_type(event), domain::encode_json(event));
}

} // namespace ventros::projections::detail
