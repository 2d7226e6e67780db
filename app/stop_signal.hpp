#pragma once

namespace ventros::app {

/// Blocks SIGTERM and SIGINT in the calling thread (call before starting other threads,
/// which inherit the mask), so that only `wait_for_stop_signal` receives them.
void block_stop_signals();

/// Waits for SIGTERM or SIGINT; returns the signal number.
int wait_for_stop_signal();

} // namespace ventros::app
