#include "ventros/domain/crm.hpp"

#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {

std::string_view collection_of(aggregate_kind kind) noexcept {
    switch (kind) {
    case aggregate_kind::lead:
        return "leads";
    case aggregate_kind::deal:
        return "deals";
    case aggregate_kind::pipeline:
        return "pipelines";
    case aggregate_kind::contact:
        return "contacts";
    case aggregate_kind::company:
        return "companies";
    case aggregate_kind::activity:
        return "activities";
    case aggregate_kind::user:
        return "users";
    case aggregate_kind::project:
        return "projects";
    case aggregate_kind::subscription:
        return "subscriptions";
    case aggregate_kind::billing_account:
        return "billing-accounts";
    }
    return "unknown";
}

std::string_view topic_of(aggregate_kind kind) noexcept {
    switch (kind) {
    case aggregate_kind::user:
    case aggregate_kind::project:
        return "identity";
    case aggregate_kind::subscription:
    case aggregate_kind::billing_account:
        return "billing";
    default:
        return "crm";
    }
}

bool needs_project(const crm_command& c) noexcept {
    if (std::holds_alternative<user_command>(c) || std::holds_alternative<project_opening>(c) ||
        std::holds_alternative<billing_account_command>(c)) {
        return false;
    }
    const auto* project = std::get_if<project_command>(&c);
    return project == nullptr || !std::holds_alternative<create_project>(*project);
}

std::string_view to_string(write_block b) noexcept {
    switch (b) {
    case write_block::account_suspended:
        return "account-suspended";
    }
    return "unknown";
}

std::string_view to_string(const quota_exceeded&) noexcept {
    return "quota-exceeded";
}

aggregate_kind kind_of(const crm_event& e) noexcept {
    return std::visit(
        domain::overloaded{
            [](const lead_event&) { return aggregate_kind::lead; },
            [](const deal_event&) { return aggregate_kind::deal; },
            [](const pipeline_event&) { return aggregate_kind::pipeline; },
            [](const contact_event&) { return aggregate_kind::contact; },
            [](const company_event&) { return aggregate_kind::company; },
            [](const activity_event&) { return aggregate_kind::activity; },
            [](const user_event&) { return aggregate_kind::user; },
            [](const project_event&) { return aggregate_kind::project; },
            [](const subscription_event&) { return aggregate_kind::subscription; },
            [](const billing_account_event&) { return aggregate_kind::billing_account; },
        },
        e);
}

aggregate_kind kind_of(const crm_command& c) noexcept {
    return std::visit(
        domain::overloaded{
            [](const lead_command&) { return aggregate_kind::lead; },
            [](const deal_command&) { return aggregate_kind::deal; },
            [](const pipeline_command&) { return aggregate_kind::pipeline; },
            [](const lead_conversion&) { return aggregate_kind::lead; },
            [](const contact_command&) { return aggregate_kind::contact; },
            [](const company_command&) { return aggregate_kind::company; },
            [](const activity_command&) { return aggregate_kind::activity; },
            [](const user_command&) { return aggregate_kind::user; },
            [](const project_command&) { return aggregate_kind::project; },
            [](const project_opening&) { return aggregate_kind::project; },
            [](const subscription_command&) { return aggregate_kind::subscription; },
            [](const billing_account_command&) { return aggregate_kind::billing_account; },
        },
        c);
}

const std::string& aggregate_id_of(const crm_event& e) noexcept {
    return std::visit(
        [](const auto& event) -> const std::string& { return subject_of(event).str(); }, e);
}

const std::string& aggregate_id_of(const crm_command& c) noexcept {
    return std::visit(
        domain::overloaded{
            [](const lead_conversion& conversion) -> const std::string& {
                return conversion.lead.id.str();
            },
            [](const project_opening& opening) -> const std::string& {
                return opening.project.id.str();
            },
            [](const subscription_command&) -> const std::string& {
                // A tenant has one subscription, found by tenant: its commands name none.
                static const std::string none;
                return none;
            },
            [](const auto& command) -> const std::string& { return subject_of(command).str(); },
        },
        c);
}

bool creates_aggregate(const crm_event& e) noexcept {
    return std::visit(
        domain::overloaded{
            [](const lead_event& event) { return std::holds_alternative<lead_created>(event); },
            [](const deal_event& event) { return std::holds_alternative<deal_created>(event); },
            [](const pipeline_event& event) {
                return std::holds_alternative<pipeline_created>(event);
            },
            [](const contact_event& event) {
                return std::holds_alternative<contact_created>(event);
            },
            [](const company_event& event) {
                return std::holds_alternative<company_created>(event);
            },
            [](const activity_event& event) {
                return std::holds_alternative<activity_created>(event);
            },
            [](const user_event& event) { return std::holds_alternative<user_registered>(event); },
            [](const project_event& event) {
                return std::holds_alternative<project_created>(event);
            },
            [](const subscription_event& event) {
                return std::holds_alternative<subscription_started>(event);
            },
            [](const billing_account_event& event) {
                return std::holds_alternative<billing_account_created>(event);
            },
        },
        e);
}

std::string_view to_string(const crm_error& e) noexcept {
    return std::visit([](const auto& error) { return to_string(error); }, e);
}

} // namespace ventros::domain
