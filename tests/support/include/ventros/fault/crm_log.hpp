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
    std::int32_t partition = 0;
    std::int64_t offset = 0;
};

/// Which records a read of the log returns.
enum class isolation {
    read_committed,   ///< committed transactions only: what every Ventros reader sees
    read_uncommitted, ///< also the records of aborted (or still open) transactions
};

/// Every record of the stack's crm topic but those of project openings by the stack's
/// owner (testing::stack::open_project) at `level` (by default read_committed, so aborted
/// transactions are not there), from offset 0 to the ends at call time. Throws if a
/// record lacks valid CloudEvents headers.
std::vector<logged_event> read_crm_log(const testing::stack& s,
                                       isolation level = isolation::read_committed);

} // namespace ventros::fault
