#pragma once

#include "ventros/fault/crm_log.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ventros::fault {

/// Event counts by command id, then by event type.
using event_types_by_command = std::map<std::string, std::map<std::string, int>>;

/// Checks (doctest) that the commands in `log` are exactly `acknowledged` (by command id)
/// and that no command appended an event type twice: nothing acknowledged was lost and
/// no retry was appended again. Returns the counts, for further checks.
event_types_by_command check_each_command_logged_once(const std::vector<logged_event>& log,
                                                      const std::set<std::string>& acknowledged);

} // namespace ventros::fault
