#pragma once

#include "ventros/domain/activity.hpp"
#include "ventros/domain/company.hpp"
#include "ventros/domain/contact.hpp"
#include "ventros/domain/deal.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/pipeline.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace ventros::domain {

/// Everything that travels on the `crm` topic and everything its writer decides: one
/// alternative per aggregate kind, each itself the variant of that aggregate.
using crm_event = std::variant<lead_event, deal_event, pipeline_event, contact_event, company_event,
                               activity_event>;

/// POST /leads/{id}/conversion: the lead's conversion and the deal it creates, decided
/// together and appended in one Kafka transaction (both events or neither). `deal.lead` is
/// the lead and `deal.id` is `lead.deal`; an empty `deal.pipeline` means the tenant's
/// default pipeline.
struct lead_conversion {
    convert_lead lead;
    create_deal deal;
};

using crm_command = std::variant<lead_command, deal_command, pipeline_command, lead_conversion,
                                 contact_command, company_command, activity_command>;
/// Contact and company refusals are values that may name the record already holding a
/// unique value (duplicates).
using crm_error = std::variant<lead_error, deal_error, pipeline_error, contact_refusal,
                               company_refusal, activity_error>;

enum class aggregate_kind { lead, deal, pipeline, contact, company, activity };

/// The path segment and `ce_subject` prefix of a kind: "leads", "deals", "pipelines",
/// "contacts", "companies", "activities".
std::string_view collection_of(aggregate_kind kind) noexcept;

aggregate_kind kind_of(const crm_event& e) noexcept;
aggregate_kind kind_of(const crm_command& c) noexcept; ///< a lead_conversion is about its lead

/// The id (text) of the aggregate an event or a command is about.
const std::string& aggregate_id_of(const crm_event& e) noexcept;
const std::string& aggregate_id_of(const crm_command& c) noexcept;

/// True when the event is the first of its aggregate (`*.created`).
bool creates_aggregate(const crm_event& e) noexcept;

/// The stable slug of a refusal, e.g. "lead-already-converted", "deal-closed".
std::string_view to_string(const crm_error& e) noexcept;

} // namespace ventros::domain
