// Entry point of the pure billing domain tests (no I/O but the schema files, no clock).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
