#include "ventros/domain/crm_codec.hpp"

namespace ventros::domain {
namespace {

constexpr std::string_view lead_prefix = "ventros.crm.lead.";
constexpr std::string_view deal_prefix = "ventros.crm.deal.";
constexpr std::string_view pipeline_prefix = "ventros.crm.pipeline.";
constexpr std::string_view contact_prefix = "ventros.crm.contact.";
constexpr std::string_view company_prefix = "ventros.crm.company.";
constexpr std::string_view activity_prefix = "ventros.crm.activity.";
constexpr std::string_view user_prefix = "ventros.identity.user.";
constexpr std::string_view project_prefix = "ventros.identity.project.";
constexpr std::string_view subscription_prefix = "ventros.billing.subscription.";
constexpr std::string_view billing_account_prefix = "ventros.billing.billing_account.";

// Wraps an aggregate's decoded event (or its refusal) as a crm_event.
template <class Event>
std::expected<crm_event, std::string> as_crm_event(std::expected<Event, std::string> decoded) {
    if (!decoded) {
        return std::unexpected(std::move(decoded.error()));
    }
    return crm_event{std::move(*decoded)};
}

} // namespace

std::string_view event_type(const crm_event& e) noexcept {
    return std::visit([](const auto& event) { return event_type(event); }, e);
}

std::string_view event_schema(const crm_event& e) noexcept {
    return std::visit([](const auto& event) { return event_schema(event); }, e);
}

bool is_crm_event_type(std::string_view type) noexcept {
    return is_lead_event_type(type) || is_deal_event_type(type) || is_pipeline_event_type(type) ||
           is_contact_event_type(type) || is_company_event_type(type) ||
           is_activity_event_type(type) || is_user_event_type(type) ||
           is_project_event_type(type) || is_subscription_event_type(type) ||
           is_billing_account_event_type(type);
}

std::string encode_json(const crm_event& e) {
    return std::visit([](const auto& event) { return encode_json(event); }, e);
}

std::expected<crm_event, std::string> decode_crm_event(std::string_view type,
                                                       std::string_view json) {
    if (type.starts_with(lead_prefix)) {
        return as_crm_event(decode_lead_event(type, json));
    }
    if (type.starts_with(deal_prefix)) {
        return as_crm_event(decode_deal_event(type, json));
    }
    if (type.starts_with(pipeline_prefix)) {
        return as_crm_event(decode_pipeline_event(type, json));
    }
    if (type.starts_with(contact_prefix)) {
        return as_crm_event(decode_contact_event(type, json));
    }
    if (type.starts_with(company_prefix)) {
        return as_crm_event(decode_company_event(type, json));
    }
    if (type.starts_with(activity_prefix)) {
        return as_crm_event(decode_activity_event(type, json));
    }
    if (type.starts_with(user_prefix)) {
        return as_crm_event(decode_user_event(type, json));
    }
    if (type.starts_with(project_prefix)) {
        return as_crm_event(decode_project_event(type, json));
    }
    if (type.starts_with(subscription_prefix)) {
        return as_crm_event(decode_subscription_event(type, json));
    }
    if (type.starts_with(billing_account_prefix)) {
        return as_crm_event(decode_billing_account_event(type, json));
    }
    return std::unexpected("unknown event type '" + std::string(type) + "'");
}

} // namespace ventros::domain
