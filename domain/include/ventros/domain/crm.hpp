#pragma once

#include "ventros/domain/activity.hpp"
#include "ventros/domain/billing_account.hpp"
#include "ventros/domain/company.hpp"
#include "ventros/domain/contact.hpp"
#include "ventros/domain/deal.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/pipeline.hpp"
#include "ventros/domain/project.hpp"
#include "ventros/domain/subscription.hpp"
#include "ventros/domain/usage.hpp"
#include "ventros/domain/user.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace ventros::domain {

/// Every event the writers decide (the product is a CRM, so "crm" names all of it; the
/// `crm` topic carries the sales aggregates, `identity` users and projects): one
/// alternative per aggregate kind, each itself the variant of that aggregate.
using crm_event = std::variant<lead_event, deal_event, pipeline_event, contact_event, company_event,
                               activity_event, user_event, project_event, subscription_event,
                               billing_account_event>;

/// POST /leads/{id}/conversion: the lead's conversion and the deal it creates, decided
/// together and appended in one Kafka transaction (both events or neither). `deal.lead` is
/// the lead and `deal.id` is `lead.deal`; an empty `deal.pipeline` means the tenant's
/// default pipeline.
struct lead_conversion {
    convert_lead lead;
    create_deal deal;
};

/// POST /v1/tenants: the project and its subscription (a trial of the chosen plan), decided
/// together; the project's default pipeline comes with them.
struct project_opening {
    create_project project;
    start_subscription subscription;
};

using crm_command =
    std::variant<lead_command, deal_command, pipeline_command, lead_conversion, contact_command,
                 company_command, activity_command, user_command, project_command, project_opening,
                 subscription_command, billing_account_command>;

/// Writes to a project whose billing account is suspended are refused (402); reads are not.
enum class write_block { account_suspended };
std::string_view to_string(write_block b) noexcept;           ///< "account-suspended"
std::string_view to_string(const quota_exceeded& q) noexcept; ///< "quota-exceeded"

/// Contact and company refusals are values that may name the record already holding a
/// unique value (duplicates).
using crm_error =
    std::variant<lead_error, deal_error, pipeline_error, contact_refusal, company_refusal,
                 activity_error, user_error, project_error, subscription_error, quota_exceeded,
                 write_block, billing_account_error>;

enum class aggregate_kind {
    lead,
    deal,
    pipeline,
    contact,
    company,
    activity,
    user,
    project,
    subscription,
    billing_account
};

/// The path segment and `ce_subject` prefix of a kind: "leads", "deals", "pipelines",
/// "contacts", "companies", "activities", "users", "projects", "subscriptions", "billing-accounts".
std::string_view collection_of(aggregate_kind kind) noexcept;

/// The topic kind (prefix-less topic name) events of a kind travel on: "crm", "identity"
/// (users, projects) or "billing" (subscriptions, billing accounts).
std::string_view topic_of(aggregate_kind kind) noexcept;

/// True for commands about a tenant's data, which need the tenant's project to exist
/// (all but registering users, opening projects and billing-account commands).
bool needs_project(const crm_command& c) noexcept;

aggregate_kind kind_of(const crm_event& e) noexcept;
aggregate_kind kind_of(const crm_command& c) noexcept; ///< a lead_conversion is about its lead

/// The id (text) of the aggregate an event or a command is about (empty for subscription
/// commands, which are about the tenant's one subscription).
const std::string& aggregate_id_of(const crm_event& e) noexcept;
const std::string& aggregate_id_of(const crm_command& c) noexcept;

/// True when the event is the first of its aggregate (`*.created`).
bool creates_aggregate(const crm_event& e) noexcept;

/// The stable slug of a refusal, e.g. "lead-already-converted", "deal-closed".
std::string_view to_string(const crm_error& e) noexcept;

} // namespace ventros::domain
