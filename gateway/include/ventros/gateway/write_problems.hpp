#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/gateway/problem.hpp"

namespace ventros::gateway {

/// The one place that turns write-side failures into RFC 9457 problems with a stable
/// `type` and the right status (DESIGN.md §5).

/// not_found → 404; already_exists, already_converted, lead_is_lost, not_qualified,
/// nothing_to_change → 409; agent_role_not_assignable, stage_not_settable → 422;
/// not_permitted → 403.
problem lead_error_problem(domain::lead_error error);

/// Any aggregate's refusal: leads as above; deals: not_found → 404, not_permitted → 403,
/// unknown_pipeline, unknown_stage, invalid_value, invalid_probability → 422, the rest
/// (already_exists, deal_closed, not_open, not_closed, nothing_to_change) → 409;
/// pipelines: not_found → 404, not_permitted → 403, invalid_stages, unknown_stage → 422,
/// the rest (already_exists, stage_has_open_deals, last_stage, nothing_to_change) → 409;
/// contacts: not_found → 404, not_permitted → 403, unknown_company, unknown_lead,
/// unknown_deal, unknown_contact, merge_into_itself → 422, the rest (already_exists,
/// duplicate, merged, nothing_to_change) → 409; companies: not_found → 404, not_permitted
/// → 403, already_exists, duplicate, nothing_to_change → 409. A duplicate's problem names
/// the contact or company that has the value as `existing_id`.
/// activities: not_found → 404, not_permitted → 403, link_required, unknown_lead,
/// unknown_deal, unknown_contact → 422, the rest (already_exists, already_completed,
/// nothing_to_change, not_completed) → 409.
problem domain_error_problem(const domain::crm_error& error);

/// Domain refusals as above; If-Match mismatch → 412; key reused with another request →
/// 422; key in flight → 409; Kafka unavailable or not ready → 503 with Retry-After.
problem write_failure_problem(const commands::write_failure& failure);

/// Malformed JSON → 400 "malformed-json"; anything else → 422 "validation-failed" with
/// an `errors` array of {field, reason}.
problem invalid_input_problem(const commands::invalid_input& input);

} // namespace ventros::gateway
