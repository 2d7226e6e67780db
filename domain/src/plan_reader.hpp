#pragma once

#include "json_reader.hpp"
#include "ventros/domain/plan.hpp"

namespace ventros::domain::detail {

/// Reads the plan object held by `key` (see plan_codec.hpp), keeping its first problem in
/// `in` as `key.member ...`.
plan read_plan(json_reader& in, std::string_view key);

} // namespace ventros::domain::detail
