// Pins RFC 3339 formatting and parsing: UTC with milliseconds out, offsets and fractions in.
#include "ventros/domain/time.hpp"

#include <doctest/doctest.h>

using namespace ventros::domain;
using std::chrono::milliseconds;

namespace {

timestamp at(std::int64_t ms) {
    return timestamp{milliseconds{ms}};
}

} // namespace

TEST_CASE("format writes UTC with exactly three fraction digits and Z") {
    CHECK(format_rfc3339(at(0)) == "1970-01-01T00:00:00.000Z");
    CHECK(format_rfc3339(at(1'795'256'130'123)) == "2026-11-21T10:15:30.123Z");
    CHECK(format_rfc3339(at(951'782'400'007)) == "2000-02-29T00:00:00.007Z");
}

TEST_CASE("format then parse gives the same instant") {
    for (std::int64_t ms : {0LL, 1LL, 999LL, 86'399'999LL, 951'782'400'000LL, 1'795'256'130'123LL,
                            4'102'444'799'999LL}) {
        CAPTURE(ms);
        const auto parsed = parse_rfc3339(format_rfc3339(at(ms)));
        REQUIRE(parsed);
        CHECK(*parsed == at(ms));
    }
}

TEST_CASE("parse applies the offset to reach UTC") {
    const auto utc = parse_rfc3339("2026-11-21T10:15:30.123Z");
    REQUIRE(utc);
    CHECK(parse_rfc3339("2026-11-21T12:15:30.123+02:00") == utc);
    CHECK(parse_rfc3339("2026-11-21T07:15:30.123-03:00") == utc);
    CHECK(parse_rfc3339("2026-11-21T10:15:30.123+00:00") == utc);
    CHECK(parse_rfc3339("2026-11-21T04:45:30.123-05:30") == utc);
    CHECK(parse_rfc3339("2026-11-21t10:15:30.123z") == utc);
}

TEST_CASE("parse crosses day and year boundaries through the offset") {
    CHECK(parse_rfc3339("2026-01-01T01:00:00+02:00") == parse_rfc3339("2025-12-31T23:00:00Z"));
    CHECK(parse_rfc3339("2025-12-31T22:00:00-03:00") == parse_rfc3339("2026-01-01T01:00:00Z"));
}

TEST_CASE("parse accepts zero to nine fraction digits and truncates to milliseconds") {
    const auto whole = parse_rfc3339("2026-11-21T10:15:30Z");
    REQUIRE(whole);
    CHECK(parse_rfc3339("2026-11-21T10:15:30.5Z") == *whole + milliseconds{500});
    CHECK(parse_rfc3339("2026-11-21T10:15:30.05Z") == *whole + milliseconds{50});
    CHECK(parse_rfc3339("2026-11-21T10:15:30.9999Z") == *whole + milliseconds{999});
    CHECK(parse_rfc3339("2026-11-21T10:15:30.123456789Z") == *whole + milliseconds{123});
}

TEST_CASE("parse accepts a leap day only in a leap year") {
    CHECK(parse_rfc3339("2024-02-29T00:00:00Z"));
    CHECK(parse_rfc3339("2000-02-29T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2025-02-29T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("1900-02-29T00:00:00Z"));
}

TEST_CASE("parse rejects malformed or impossible instants") {
    for (const char* text : {
             "",
             "2026-11-21",
             "2026-13-01T00:00:00Z",
             "2026-00-01T00:00:00Z",
             "2026-11-31T00:00:00Z",
             "2026-11-00T00:00:00Z",
             "2026-11-21T24:00:00Z",
             "2026-11-21T10:60:00Z",
             "2026-11-21T10:15:60Z",
             "2026-11-21T10:15:30",
             "2026-11-21 10:15:30Z",
             "2026-11-21T10:15:30.Z",
             "2026-11-21T10:15:30.1234567890Z",
             "2026-11-21T10:15:30+2:00",
             "2026-11-21T10:15:30+0200",
             "2026-11-21T10:15:30+24:00",
             "2026-11-21T10:15:30+02:60",
             "2026-11-21T10:15:30Zjunk",
             "2026-1-21T10:15:30Z",
             "26-11-21T10:15:30Z",
             "2026-11-21T10:15:3aZ",
             "+2026-11-21T10:15:30Z",
         }) {
        CAPTURE(text);
        CHECK_FALSE(parse_rfc3339(text));
    }
}

TEST_CASE("a UTC date is the calendar day of the instant in UTC, written YYYY-MM-DD") {
    CHECK(format_date(utc_date(at(0))) == "1970-01-01");
    CHECK(format_date(utc_date(at(86'399'999))) == "1970-01-01");
    CHECK(format_date(utc_date(at(86'400'000))) == "1970-01-02");
    const auto late = parse_rfc3339("2025-12-31T22:00:00-03:00");
    REQUIRE(late);
    CHECK(format_date(utc_date(*late)) == "2026-01-01");
}

TEST_CASE("parse_date reads exactly YYYY-MM-DD of a real date") {
    const auto leap = parse_date("2024-02-29");
    REQUIRE(leap);
    CHECK(format_date(*leap) == "2024-02-29");
    CHECK((*parse_date("2026-03-01") - *parse_date("2026-02-01")).count() == 28);
    for (const char* text : {"", "2026-02-29", "2026-13-01", "2026-1-01", "2026-01-1", "2026/01/01",
                             "2026-01-01T00", " 2026-01-01", "20260101", "2026-00-10"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_date(text));
    }
}
