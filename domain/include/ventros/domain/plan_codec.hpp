#pragma once

#include "ventros/domain/plan.hpp"

#include <expected>
#include <nlohmann/json.hpp>
#include <string>

namespace ventros::domain {

/// A plan as a JSON object, in event bodies and wherever plans are read from data (the
/// gateway builds one from a `plans` row):
/// {"code", "name", "price_cents", "currency", "limits": {"users", "messages_per_month",
///  "channel_instances", "leads", "requests_per_minute"}}; a null limit means unlimited.
nlohmann::json plan_to_json(const plan& p);

/// Reads a plan object strictly: every member above is required (limits may be null),
/// nothing else is allowed; code and name are non-empty, price_cents ≥ 0, currency an
/// ISO 4217 code, limits within [0, UINT32_MAX]. Returns the first problem otherwise
/// (e.g. "limits.users must be null or an integer ..."). Never throws.
std::expected<plan, std::string> plan_from_json(const nlohmann::json& object);

} // namespace ventros::domain
