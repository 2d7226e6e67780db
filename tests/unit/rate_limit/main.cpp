// Entry point of the per-tenant rate limit tests (simulated time, no I/O).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
