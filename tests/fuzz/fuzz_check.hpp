#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ventros::fuzzing {

/// Aborts (which libFuzzer records as a crash, saving the input) when an invariant of
/// the code under test does not hold. `detail` is printed with it.
inline void require(bool holds, std::string_view invariant, std::string_view detail = {}) {
    if (!holds) {
        std::fprintf(stderr, "invariant violated: %.*s\n%.*s\n", static_cast<int>(invariant.size()),
                     invariant.data(), static_cast<int>(detail.size()), detail.data());
        std::abort();
    }
}

} // namespace ventros::fuzzing
