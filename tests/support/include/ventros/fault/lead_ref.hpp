#pragma once

#include <compare>
#include <string>

namespace ventros::fault {

/// A lead as the tests track it: its tenant and its id (canonical lower-case UUID).
struct lead_ref {
    std::string tenant;
    std::string id;
    auto operator<=>(const lead_ref&) const = default;
};

} // namespace ventros::fault
