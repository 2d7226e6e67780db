// Entry point of the pure projection tests (no database, no Kafka).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
