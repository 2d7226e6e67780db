// Helpers for the body decoder tests.
#pragma once

#include "ventros/commands/lead_command_decoder.hpp"

#include <string>
#include <vector>

namespace ventros::testing {

/// The JSON pointers a refused body's errors name, in order.
template <class Decoded>
std::vector<std::string> error_fields(const Decoded& d) {
    std::vector<std::string> fields;
    if (d) {
        return fields;
    }
    for (const auto& e : d.error().errors) {
        fields.push_back(e.field);
    }
    return fields;
}

/// True when the body was refused as malformed JSON (400), not as invalid (422).
template <class Decoded>
bool malformed(const Decoded& d) {
    return !d && d.error().what == commands::invalid_input::kind::malformed_json;
}

} // namespace ventros::testing
