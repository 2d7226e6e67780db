#pragma once

#include "ventros/fault/read_model_inspector.hpp"

#include <cstdint>
#include <map>

namespace ventros::fault {

/// Checks (doctest) that the `leads` rows are exactly `expected` (each lead at its last
/// version, no other row) and that each lead's journal holds versions 1..N exactly once.
void check_leads_exact(read_model_inspector& db, const std::map<lead_ref, std::uint32_t>& expected);

} // namespace ventros::fault
