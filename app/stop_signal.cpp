#include "stop_signal.hpp"

#include <csignal>
#include <pthread.h>

namespace ventros::app {
namespace {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

} // namespace

void block_stop_signals() {
    const auto set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_stop_signal() {
    const auto set = stop_signals();
    int received = 0;
    sigwait(&set, &received);
    return received;
}

} // namespace ventros::app
