#pragma once

#include "json_object_reader.hpp"
#include "ventros/domain/deal.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace ventros::commands {

constexpr std::size_t max_deal_title = 200;
constexpr std::size_t max_stage_id = 64;
constexpr std::size_t max_user_id = 128;

/// A 3-letter currency code, upper-cased (whether it is ISO 4217 is the domain's call).
std::optional<std::string> currency_field(json_object_reader& reader);

/// Reads the fields POST /deals and a lead conversion share (title, value_cents,
/// currency, pipeline_id, stage, probability, expected_close, owner_id, company_id) into
/// `deal`. With `required`, title, value_cents and currency must be given; otherwise an
/// absent field keeps the value `deal` already has.
void read_new_deal_fields(json_object_reader& reader, domain::create_deal& deal, bool required);

} // namespace ventros::commands
