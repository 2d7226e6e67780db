// Entry point of the pure domain tests (no I/O, no clock).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
