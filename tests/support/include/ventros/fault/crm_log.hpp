#pragma once

#include "ventros/testing/stack.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ventros::fault {

/// One event read back from the crm topic: its CloudEvents attributes that matter here.
struct logged_event {
    std::string type;
    std::string tenant;
    std::string aggregate_id;
    std::uint32_t version = 0;
    std::string command_id;
};

/// Every committed record of the stack's crm topic (read_committed, so aborted
/// transactions are not there), from offset 0 to the ends at call time. Throws if a
/// record lacks valid CloudEvents headers.
std::vector<logged_event> read_crm_log(const testing::stack& s);

} // namespace ventros::fault
