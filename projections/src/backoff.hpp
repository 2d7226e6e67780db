#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace ventros::projections::detail {

/// Exponential backoff between retries of the same work: min, 2·min, ... capped at max.
class backoff {
public:
    backoff(std::chrono::milliseconds min, std::chrono::milliseconds max)
        : min_(min), max_(max), next_(min) {}

    /// Sleeps for the current delay (waking early on stop) and doubles it.
    /// Returns false when stop was requested.
    bool wait(std::stop_token stop) {
        std::mutex m;
        std::condition_variable_any cv;
        std::unique_lock lock(m);
        const bool stopped = cv.wait_for(lock, stop, next_, [] { return false; });
        next_ = std::min(next_ * 2, max_);
        return !stopped && !stop.stop_requested();
    }

    void reset() { next_ = min_; }
    std::chrono::milliseconds next() const { return next_; }

private:
    std::chrono::milliseconds min_, max_, next_;
};

} // namespace ventros::projections::detail
