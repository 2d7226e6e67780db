#pragma once

#include "ventros/gateway/router.hpp"
#include "ventros/telemetry/metrics.hpp"

#include <functional>

namespace ventros::gateway {

/// GET /healthz (200 while the process runs), GET /readyz (200, or 503 "not-ready" with
/// Retry-After: 1 while `ready()` is false) and GET /metrics (Prometheus text 0.0.4).
/// `ready` is called on io threads: it must be cheap and thread-safe. `metrics` must
/// outlive the router.
void add_operational_routes(router& routes, telemetry::metrics& metrics,
                            std::function<bool()> ready);

} // namespace ventros::gateway
