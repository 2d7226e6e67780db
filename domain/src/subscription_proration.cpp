// Proration of a plan change. Integer arithmetic in 128 bits: a difference of two int64
// prices times a period of any length in milliseconds cannot overflow; the result is
// clamped to int64 (only prices of opposite signs could leave its range).
#include "ventros/domain/subscription.hpp"

#include <algorithm>
#include <limits>

namespace ventros::domain {

std::int64_t prorate(std::int64_t from_cents, std::int64_t to_cents, const billing_period& period,
                     timestamp now) noexcept {
    const auto length = (period.end - period.start).count();
    if (length <= 0 || now >= period.end) {
        return 0;
    }
    const auto remaining = (period.end - std::max(now, period.start)).count();
    __extension__ using wide = __int128;
    const wide difference = wide{to_cents} - wide{from_cents};
    // C++ division truncates toward zero: never more than the exact figure either way.
    const wide prorated = difference * wide{remaining} / wide{length};
    constexpr auto low = std::numeric_limits<std::int64_t>::min();
    constexpr auto high = std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(std::clamp(prorated, wide{low}, wide{high}));
}

} // namespace ventros::domain
