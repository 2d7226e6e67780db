#include "tenancy_rows.hpp"
#include "ventros/domain/plan_codec.hpp"

#include <stdexcept>

namespace ventros::projections::detail {
namespace {

using domain::timestamp;
using nlohmann::json;

json time_json(const std::optional<timestamp>& t) {
    return t ? json(domain::format_rfc3339(*t)) : json(nullptr);
}

timestamp time_of(const json& value) {
    const auto t = domain::parse_rfc3339(value.get<std::string>());
    if (!t) {
        throw std::runtime_error("subscriptions.facts holds a malformed time: " + value.dump());
    }
    return *t;
}

std::optional<timestamp> optional_time_of(const json& value) {
    return value.is_null() ? std::nullopt : std::optional(time_of(value));
}

/// The `facts` column: what folding the next events needs besides the other columns.
json facts_json(const domain::subscription_state& s) {
    json flag = nullptr;
    if (s.cancel_flag_set_by) {
        flag = {{"at", domain::format_rfc3339(s.cancel_flag_set_by->at)},
                {"provider_event_id", s.cancel_flag_set_by->provider_event_id}};
    }
    return {{"trial_ends_at", domain::format_rfc3339(s.trial_ends_at)},
            {"period",
             {{"start", domain::format_rfc3339(s.period.start)},
              {"end", domain::format_rfc3339(s.period.end)}}},
            {"paid_through", time_json(s.paid_through)},
            {"failed_through", time_json(s.failed_through)},
            {"exhausted_through", time_json(s.exhausted_through)},
            {"cancel_flag_set_by", std::move(flag)},
            {"ended_by", s.ended_by ? json(domain::to_string(*s.ended_by)) : json(nullptr)}};
}

/// Reads back facts_json (throws on anything else: only this projection writes it).
void read_facts(const json& facts, domain::subscription_state& s) {
    s.trial_ends_at = time_of(facts.at("trial_ends_at"));
    s.period = {time_of(facts.at("period").at("start")), time_of(facts.at("period").at("end"))};
    s.paid_through = optional_time_of(facts.at("paid_through"));
    s.failed_through = optional_time_of(facts.at("failed_through"));
    s.exhausted_through = optional_time_of(facts.at("exhausted_through"));
    if (const auto& flag = facts.at("cancel_flag_set_by"); !flag.is_null()) {
        s.cancel_flag_set_by = domain::cancel_flag_source{
            time_of(flag.at("at")), flag.at("provider_event_id").get<std::string>()};
    }
    if (const auto& ended = facts.at("ended_by"); !ended.is_null()) {
        s.ended_by = domain::parse_status_reason(ended.get<std::string>()).value();
    }
}

} // namespace

const std::vector<std::string>& subscription_columns() {
    static const std::vector<std::string> columns{"tenant_id",
                                                  "subscription_id",
                                                  "plan",
                                                  "status",
                                                  "trial_ends_at",
                                                  "current_period_start",
                                                  "current_period_end",
                                                  "cancel_at_period_end",
                                                  "paid_through",
                                                  "facts",
                                                  "version",
                                                  "created_at",
                                                  "updated_at"};
    return columns;
}

subscription_row subscription_row_of(const pqxx::row& r) {
    auto plan = domain::plan_from_json(json::parse(r["plan"].c_str()));
    if (!plan) {
        throw std::runtime_error("subscriptions.plan is not a plan: " + plan.error());
    }
    subscription_row row{
        .tenant_id = r["tenant_id"].c_str(),
        .subscription = {.id = domain::subscription_id(r["subscription_id"].c_str()),
                         .current_plan = std::move(*plan),
                         .status = domain::parse_subscription_status(r["status"].c_str()).value(),
                         .cancel_at_period_end = r["cancel_at_period_end"].as<bool>(),
                         .version = r["version"].as<std::uint32_t>()},
        .created_at = r["created_at"].c_str(),
        .updated_at = r["updated_at"].c_str()};
    read_facts(json::parse(r["facts"].c_str()), row.subscription);
    return row;
}

json to_json(const subscription_row& row) {
    const auto& s = row.subscription;
    return {{"tenant_id", row.tenant_id},
            {"subscription_id", s.id.str()},
            {"plan", domain::plan_to_json(s.current_plan)},
            {"status", domain::to_string(s.status)},
            {"trial_ends_at", domain::format_rfc3339(s.trial_ends_at)},
            {"current_period_start", domain::format_rfc3339(s.period.start)},
            {"current_period_end", domain::format_rfc3339(s.period.end)},
            {"cancel_at_period_end", s.cancel_at_period_end},
            {"paid_through", time_json(s.paid_through)},
            {"facts", facts_json(s)},
            {"version", s.version},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at}};
}

std::expected<version_step, std::string>
fold_subscription_row(std::optional<subscription_row>& row, const decoded_event& e,
                      const domain::subscription_event& event) {
    const auto& id = domain::subject_of(event).str();
    if (!domain::is_uuid(id)) {
        return std::unexpected("subscription id is not a UUID: " + id);
    }
    if (e.attributes.tenant_id.empty()) {
        return std::unexpected(std::string("event has no tenant"));
    }
    const auto at = event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step =
        next_version_step(row ? row->subscription.version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const bool started = std::holds_alternative<domain::subscription_started>(event);
    if (!row && !started) {
        return std::unexpected(
            std::string("first event of a subscription is not subscription.started"));
    }
    if (row && started) {
        return std::unexpected(
            std::string("subscription.started for a subscription that already exists"));
    }
    if (!row) {
        row = subscription_row{.tenant_id = e.attributes.tenant_id, .created_at = *at};
    }
    row->subscription =
        domain::evolve(started ? std::nullopt : std::optional(row->subscription), event);
    row->subscription.id = domain::subscription_id(lower(id));
    row->subscription.applied_provider_events.clear(); // not kept (see subscription_row)
    row->subscription.version = e.attributes.aggregate_version;
    row->updated_at = *at;
    return version_step::apply;
}

} // namespace ventros::projections::detail
