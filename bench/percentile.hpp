#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ventros::bench {

/// The p-th percentile (0–100, nearest rank below) of `values`; 0 when there are none.
inline double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::ranges::sort(values);
    return values[static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1))];
}

} // namespace ventros::bench
