// Entry point of the pure channel-instance and conversation tests (no I/O, no clock).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
