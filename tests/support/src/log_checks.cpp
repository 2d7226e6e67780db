#include "ventros/fault/log_checks.hpp"

#include <doctest/doctest.h>

namespace ventros::fault {

event_types_by_command check_each_command_logged_once(const std::vector<logged_event>& log,
                                                      const std::set<std::string>& acknowledged) {
    event_types_by_command types_by_key;
    for (const auto& e : log) {
        ++types_by_key[e.command_id][e.type];
    }
    std::set<std::string> logged_keys;
    for (const auto& [key, types] : types_by_key) {
        logged_keys.insert(key);
        for (const auto& [type, count] : types) {
            INFO(key << " " << type);
            CHECK(count == 1);
        }
    }
    CHECK(logged_keys == acknowledged);
    return types_by_key;
}

} // namespace ventros::fault
