#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/deal.hpp"

#include <string_view>

namespace ventros::commands {

/// Decoders for the deal endpoints' JSON bodies, as strict as the lead ones: they never
/// throw, refuse unknown fields and null (except where null clears), check types and
/// lengths, and report every problem with its JSON pointer. Rules only the domain can
/// judge (ISO 4217, probability 0–100, value >= 0, known pipelines and stages) are left
/// to it. Currencies are upper-cased and UUIDs lower-cased.

/// POST /deals: {title, value_cents, currency, pipeline_id?, stage?, probability?,
/// expected_close?, owner_id?, lead_id?, company_id?}. No pipeline_id: the tenant's default.
decoded<domain::create_deal> decode_create_deal(std::string_view body, domain::deal_id new_id);

/// PATCH /deals/{id}: any of title, value_cents with currency, expected_close (null
/// clears), owner_id, company_id (null clears); at least one.
decoded<domain::update_deal> decode_update_deal(std::string_view body, domain::deal_id id);

/// POST /deals/{id}/stage: {stage, probability?}.
decoded<domain::move_deal_stage> decode_move_deal_stage(std::string_view body, domain::deal_id id);

/// POST /deals/{id}/won: empty body or {}.
decoded<domain::win_deal> decode_win_deal(std::string_view body, domain::deal_id id);

/// POST /deals/{id}/lost: {reason}.
decoded<domain::lose_deal> decode_lose_deal(std::string_view body, domain::deal_id id);

/// POST /deals/{id}/reopen: empty body or {}.
decoded<domain::reopen_deal> decode_reopen_deal(std::string_view body, domain::deal_id id);

} // namespace ventros::commands
