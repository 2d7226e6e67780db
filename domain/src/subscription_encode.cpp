#include "ventros/domain/plan_codec.hpp"
#include "ventros/domain/subscription_codec.hpp"

namespace ventros::domain {
namespace {

using nlohmann::json;

json body_of(const subscription_started& e) {
    return json{{"subscription_id", e.id.str()},
                {"plan", plan_to_json(e.chosen)},
                {"started_at", format_rfc3339(e.started_at)},
                {"trial_ends_at", format_rfc3339(e.trial_ends_at)}};
}

json body_of(const subscription_plan_changed& e) {
    return json{{"subscription_id", e.id.str()},
                {"from", plan_to_json(e.from)},
                {"to", plan_to_json(e.to)},
                {"proration_cents", e.proration_cents},
                {"effective_at", format_rfc3339(e.effective_at)}};
}

json body_of(const subscription_cancellation_scheduled& e) {
    return json{{"subscription_id", e.id.str()},
                {"requested_at", format_rfc3339(e.requested_at)},
                {"ends_at", format_rfc3339(e.ends_at)}};
}

json body_of(const subscription_cancellation_revoked& e) {
    return json{{"subscription_id", e.id.str()}, {"requested_at", format_rfc3339(e.requested_at)}};
}

json body_of(const subscription_payment_recorded& e) {
    json body{{"subscription_id", e.id.str()},   {"provider_event_id", e.provider_event_id},
              {"kind", to_string(e.kind)},       {"created", format_rfc3339(e.created)},
              {"amount_cents", e.amount_cents},  {"currency", e.currency},
              {"final_attempt", e.final_attempt}};
    if (e.period) {
        body["period_start"] = format_rfc3339(e.period->start);
        body["period_end"] = format_rfc3339(e.period->end);
    }
    if (e.cancel_at_period_end) {
        body["cancel_at_period_end"] = *e.cancel_at_period_end;
    }
    return body;
}

json body_of(const subscription_status_changed& e) {
    return json{{"subscription_id", e.id.str()},
                {"from", to_string(e.from)},
                {"to", to_string(e.to)},
                {"reason", to_string(e.reason)}};
}

} // namespace

std::string encode_json(const subscription_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
