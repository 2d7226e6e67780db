// Entry point of the billing account and payment-event tests (no I/O but schema files).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
