#pragma once

#include "ventros/projections/decoded_event.hpp"

#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ventros::projections {

/// What one event did to a lead row.
enum class fold_outcome { applied, already_applied };

/// Applies one event to a `leads` row held as a JSON object keyed by column name
/// (`nullopt`: no row yet). The event applies when its aggregate version is the row's
/// version + 1 (1 and `lead.created` for a new row); a version at or below the row's is
/// already reflected. Returns the reason when the event cannot apply (version gap,
/// malformed time). Pure; never throws on bad input.
std::expected<fold_outcome, std::string> fold_lead_row(std::optional<nlohmann::json>& row,
                                                       const decoded_event& e);

/// The `lead_events` journal row of an applied event.
nlohmann::json lead_journal_row(const decoded_event& e);

} // namespace ventros::projections
