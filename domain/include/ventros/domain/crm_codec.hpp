#pragma once

#include "ventros/domain/activity_codec.hpp"
#include "ventros/domain/billing_account_codec.hpp"
#include "ventros/domain/company_codec.hpp"
#include "ventros/domain/contact_codec.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/domain/deal_codec.hpp"
#include "ventros/domain/lead_codec.hpp"
#include "ventros/domain/pipeline_codec.hpp"
#include "ventros/domain/project_codec.hpp"
#include "ventros/domain/subscription_codec.hpp"
#include "ventros/domain/user_codec.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Type names and JSON bodies of every event on the `crm` topic; dispatches to the codec
/// of the event's aggregate.

/// Full CloudEvents type, e.g. `ventros.crm.deal.won.v1`.
std::string_view event_type(const crm_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `crm/deal.won.v1.json`.
std::string_view event_schema(const crm_event& e) noexcept;

/// True when `type` names a crm event this build can decode (any known version).
bool is_crm_event_type(std::string_view type) noexcept;

/// Compact JSON of the event's data (see the aggregate's codec).
std::string encode_json(const crm_event& e);

/// Decodes a body of the given type, upcasting older versions. The reason says what is
/// wrong (unknown type, bad JSON, missing, mistyped or unknown members). Never throws.
std::expected<crm_event, std::string> decode_crm_event(std::string_view type,
                                                       std::string_view json);

} // namespace ventros::domain
