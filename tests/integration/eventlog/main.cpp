// doctest's runner for the eventlog tests against a real Kafka broker.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
