#include "ventros/testing/problem_check.hpp"

#include <doctest/doctest.h>

namespace ventros::testing {

void check_problem(const http_reply& reply, unsigned status, const std::string& slug) {
    INFO("body: " << reply.body);
    CHECK(reply.status == status);
    CHECK(reply.header("content-type") == "application/problem+json");
    const auto body = reply.json();
    REQUIRE(body.is_object());
    CHECK(body.value("type", "") == "https://ventros.dev/problems/" + slug);
    CHECK(body.value("status", 0u) == status);
    CHECK_FALSE(body.value("title", "").empty());
}

} // namespace ventros::testing
