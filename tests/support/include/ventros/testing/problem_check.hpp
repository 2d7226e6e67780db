#pragma once

#include "ventros/testing/http_client.hpp"

#include <string>

namespace ventros::testing {

/// Checks (doctest) a problem response: the status, `application/problem+json`, a `type`
/// of https://ventros.dev/problems/<slug>, a body `status` equal to the HTTP status and
/// a non-empty `title`.
void check_problem(const http_reply& reply, unsigned status, const std::string& slug);

} // namespace ventros::testing
