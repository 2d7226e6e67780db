#include "metrics_rows.hpp"

#include "ventros/domain/ids.hpp"
#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/time.hpp"

#include <pqxx/pqxx>

namespace ventros::projections::detail {
namespace {

using nlohmann::json;

constexpr const char* status_open = "open";
constexpr const char* status_won = "won";
constexpr const char* status_lost = "lost";

template <class Map>
void add_all(Map& into, const Map& from) {
    for (const auto& [key, value] : from) {
        into[key] += value;
    }
}

/// The UTC day of the event, or why its time is unusable.
std::expected<std::string, std::string> event_day(const decoded_event& e) {
    const auto time = domain::parse_rfc3339(e.attributes.time);
    if (!time) {
        return std::unexpected("ce_time is not RFC 3339: " + e.attributes.time);
    }
    return domain::format_date(domain::utc_date(*time));
}

/// Whole days from `from` to `to` (both YYYY-MM-DD, as the fold writes them).
std::int64_t days_between(const std::string& from, const std::string& to) {
    return (*domain::parse_date(to) - *domain::parse_date(from)).count();
}

/// What every event needs before it can count: a UUID subject, a tenant, a time and the
/// next version. `day` is set when the event applies.
std::expected<version_step, std::string> check_event(const std::string& id, std::int64_t version,
                                                     const decoded_event& e, std::string& day) {
    if (!domain::is_uuid(id)) {
        return std::unexpected("id is not a UUID: " + id);
    }
    if (e.attributes.tenant_id.empty()) {
        return std::unexpected(std::string("event has no tenant"));
    }
    auto at = event_day(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    day = std::move(*at);
    return next_version_step(version, e.attributes.aggregate_version);
}

// ---- deals --------------------------------------------------------------------------

/// Adds `sign` times the deal's current value to the open pipeline on `day`.
void count_open(deal_metrics_row& row, const std::string& day, std::int64_t sign) {
    row.changes.open_values[{row.tenant_id, day, row.pipeline_id, row.stage, row.currency}] +=
        open_value{sign, sign * row.value_cents,
                   sign * weighted_cents(row.value_cents, row.probability)};
}

/// Counts (`sign` 1) or undoes (-1) the deal's current close on `day`.
void count_close(deal_metrics_row& row, const std::string& day, std::int64_t sign) {
    auto& daily = row.changes.daily[{row.tenant_id, day}];
    auto& agent = row.changes.agents[{row.tenant_id, day, row.owner_id}];
    if (row.status == status_won) {
        const auto cycle = days_between(row.created_day, day);
        daily += daily_counts{.deals_won = sign, .won_cycle_days = sign * cycle};
        agent += agent_counts{.deals_won = sign, .won_cycle_days = sign * cycle};
        row.changes.revenue[{row.tenant_id, day, row.owner_id, row.currency}] +=
            sign * row.value_cents;
    } else {
        daily += daily_counts{.deals_lost = sign};
        agent += agent_counts{.deals_lost = sign};
    }
}

deal_metrics_row new_deal(const decoded_event& e, const domain::deal_created& created,
                          const std::string& day) {
    return {.tenant_id = e.attributes.tenant_id,
            .deal_id = lower(created.id.str()),
            .pipeline_id = lower(created.pipeline.str()),
            .stage = created.stage,
            .probability = created.probability,
            .value_cents = created.value.cents,
            .currency = created.value.currency,
            .status = status_open,
            .owner_id = created.owner.str(),
            .created_day = day};
}

void evolve_deal(deal_metrics_row& row, const domain::deal_event& event, const std::string& day) {
    const bool open = row.status == status_open;
    std::visit(domain::overloaded{
                   [&](const domain::deal_created&) {
                       row.changes.daily[{row.tenant_id, day}] += daily_counts{.deals_created = 1};
                       row.changes.agents[{row.tenant_id, day, row.owner_id}] +=
                           agent_counts{.deals_created = 1};
                       count_open(row, day, 1);
                   },
                   [&](const domain::deal_updated& e) {
                       if (e.owner) {
                           row.owner_id = e.owner->str();
                       }
                       if (!e.value) {
                           return;
                       }
                       if (open) {
                           count_open(row, day, -1);
                       }
                       row.value_cents = e.value->cents;
                       row.currency = e.value->currency;
                       if (open) {
                           count_open(row, day, 1);
                       }
                   },
                   [&](const domain::deal_stage_moved& e) {
                       if (open) {
                           count_open(row, day, -1);
                       }
                       row.stage = e.to;
                       row.probability = e.probability;
                       if (open) {
                           count_open(row, day, 1);
                       }
                   },
                   [&](const domain::deal_won& e) {
                       count_open(row, day, -1);
                       row.value_cents = e.value.cents;
                       row.currency = e.value.currency;
                       row.status = status_won;
                       row.closed_day = day;
                       count_close(row, day, 1);
                   },
                   [&](const domain::deal_lost&) {
                       count_open(row, day, -1);
                       row.status = status_lost;
                       row.closed_day = day;
                       count_close(row, day, 1);
                   },
                   [&](const domain::deal_reopened&) {
                       count_close(row, *row.closed_day, -1);
                       row.status = status_open;
                       row.closed_day.reset();
                       count_open(row, day, 1);
                   },
               },
               event);
}

/// Why the event cannot apply to the row as it is (the log would never hold it).
std::optional<std::string> misfit(const deal_metrics_row& row, const domain::deal_event& event) {
    const bool open = row.status == status_open;
    if ((std::holds_alternative<domain::deal_won>(event) ||
         std::holds_alternative<domain::deal_lost>(event)) &&
        !open) {
        return "deal closed twice";
    }
    if (std::holds_alternative<domain::deal_reopened>(event) && open) {
        return "deal.reopened for an open deal";
    }
    return std::nullopt;
}

// ---- leads --------------------------------------------------------------------------

void evolve_lead(lead_metrics_row& row, const domain::lead_event& event, const std::string& day) {
    const std::array<std::string, 3> cohort{row.tenant_id, row.created_day, row.source};
    std::visit(
        domain::overloaded{
            [&](const domain::lead_created&) {
                row.changes.daily[{row.tenant_id, day}] += daily_counts{.leads_created = 1};
                row.changes.sources[cohort] += source_counts{.leads = 1};
            },
            [&](const domain::lead_scored& e) {
                row.changes.sources[cohort] += source_counts{.score_sum = e.score - row.score};
                row.score = e.score;
            },
            [&](const domain::lead_qualified&) {
                row.changes.daily[{row.tenant_id, day}] += daily_counts{.leads_qualified = 1};
            },
            [&](const domain::lead_converted&) {
                row.changes.daily[{row.tenant_id, day}] += daily_counts{.leads_converted = 1};
                row.changes.sources[cohort] += source_counts{.conversions = 1};
            },
            [](const auto&) {},
        },
        event);
}

} // namespace

daily_counts& daily_counts::operator+=(const daily_counts& other) {
    leads_created += other.leads_created;
    leads_qualified += other.leads_qualified;
    leads_converted += other.leads_converted;
    deals_created += other.deals_created;
    deals_won += other.deals_won;
    deals_lost += other.deals_lost;
    won_cycle_days += other.won_cycle_days;
    return *this;
}

open_value& open_value::operator+=(const open_value& other) {
    open_deals += other.open_deals;
    raw_cents += other.raw_cents;
    weighted_cents += other.weighted_cents;
    return *this;
}

source_counts& source_counts::operator+=(const source_counts& other) {
    leads += other.leads;
    score_sum += other.score_sum;
    conversions += other.conversions;
    return *this;
}

agent_counts& agent_counts::operator+=(const agent_counts& other) {
    deals_created += other.deals_created;
    deals_won += other.deals_won;
    deals_lost += other.deals_lost;
    won_cycle_days += other.won_cycle_days;
    return *this;
}

void metric_changes::add(const metric_changes& other) {
    add_all(daily, other.daily);
    add_all(revenue, other.revenue);
    add_all(open_values, other.open_values);
    add_all(sources, other.sources);
    add_all(agents, other.agents);
}

const std::vector<std::string>& lead_metrics_columns() {
    static const std::vector<std::string> columns{"tenant_id",   "lead_id", "source",
                                                  "created_day", "score",   "version"};
    return columns;
}

const std::vector<std::string>& deal_metrics_columns() {
    static const std::vector<std::string> columns{
        "tenant_id", "deal_id", "pipeline_id", "stage",       "probability", "value_cents",
        "currency",  "status",  "owner_id",    "created_day", "closed_day",  "version"};
    return columns;
}

lead_metrics_row lead_metrics_row_of(const pqxx::row& r) {
    return {.tenant_id = r["tenant_id"].c_str(),
            .lead_id = r["lead_id"].c_str(),
            .source = r["source"].c_str(),
            .created_day = r["created_day"].c_str(),
            .score = r["score"].as<std::int64_t>(),
            .version = r["version"].as<std::int64_t>()};
}

deal_metrics_row deal_metrics_row_of(const pqxx::row& r) {
    return {.tenant_id = r["tenant_id"].c_str(),
            .deal_id = r["deal_id"].c_str(),
            .pipeline_id = r["pipeline_id"].c_str(),
            .stage = r["stage"].c_str(),
            .probability = r["probability"].as<std::int64_t>(),
            .value_cents = r["value_cents"].as<std::int64_t>(),
            .currency = r["currency"].c_str(),
            .status = r["status"].c_str(),
            .owner_id = r["owner_id"].c_str(),
            .created_day = r["created_day"].c_str(),
            .closed_day = r["closed_day"].is_null()
                              ? std::nullopt
                              : std::optional<std::string>(r["closed_day"].c_str()),
            .version = r["version"].as<std::int64_t>()};
}

json to_json(const lead_metrics_row& row) {
    return {{"tenant_id", row.tenant_id},     {"lead_id", row.lead_id}, {"source", row.source},
            {"created_day", row.created_day}, {"score", row.score},     {"version", row.version}};
}

json to_json(const deal_metrics_row& row) {
    return {{"tenant_id", row.tenant_id},
            {"deal_id", row.deal_id},
            {"pipeline_id", row.pipeline_id},
            {"stage", row.stage},
            {"probability", row.probability},
            {"value_cents", row.value_cents},
            {"currency", row.currency},
            {"status", row.status},
            {"owner_id", row.owner_id},
            {"created_day", row.created_day},
            {"closed_day", row.closed_day ? json(*row.closed_day) : json(nullptr)},
            {"version", row.version}};
}

std::int64_t weighted_cents(std::int64_t cents, std::int64_t probability) {
    return cents / 100 * probability + cents % 100 * probability / 100;
}

std::expected<version_step, std::string> fold_lead_metrics(std::optional<lead_metrics_row>& row,
                                                           const decoded_event& e,
                                                           const domain::lead_event& event) {
    std::string day;
    const auto step = check_event(domain::subject_of(event).str(), row ? row->version : 0, e, day);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const auto* created = std::get_if<domain::lead_created>(&event);
    if (!row) {
        if (created == nullptr) {
            return std::unexpected(std::string("first event of a lead is not lead.created"));
        }
        row = lead_metrics_row{.tenant_id = e.attributes.tenant_id,
                               .lead_id = lower(created->id.str()),
                               .source = std::string(domain::to_string(created->source)),
                               .created_day = day};
    } else if (created != nullptr) {
        return std::unexpected(std::string("lead.created for a lead that already exists"));
    }
    evolve_lead(*row, event, day);
    row->version = e.attributes.aggregate_version;
    return version_step::apply;
}

std::expected<version_step, std::string> fold_deal_metrics(std::optional<deal_metrics_row>& row,
                                                           const decoded_event& e,
                                                           const domain::deal_event& event) {
    std::string day;
    const auto step = check_event(domain::subject_of(event).str(), row ? row->version : 0, e, day);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const auto* created = std::get_if<domain::deal_created>(&event);
    if (!row) {
        if (created == nullptr) {
            return std::unexpected(std::string("first event of a deal is not deal.created"));
        }
        if (!domain::is_uuid(created->pipeline.str())) {
            return std::unexpected("pipeline id is not a UUID: " + created->pipeline.str());
        }
        row = new_deal(e, *created, day);
    } else if (created != nullptr) {
        return std::unexpected(std::string("deal.created for a deal that already exists"));
    } else if (auto why = misfit(*row, event)) {
        return std::unexpected(std::move(*why));
    }
    evolve_deal(*row, event, day);
    row->version = e.attributes.aggregate_version;
    return version_step::apply;
}

} // namespace ventros::projections::detail
