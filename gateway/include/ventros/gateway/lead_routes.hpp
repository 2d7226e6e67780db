#pragma once

#include "ventros/commands/write_service.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/gateway/checkpoint_watcher.hpp"
#include "ventros/gateway/jwt.hpp"
#include "ventros/gateway/query_pool.hpp"
#include "ventros/gateway/router.hpp"

#include <chrono>

namespace ventros::gateway {

/// What the lead endpoints need; all references outlive the router.
struct lead_routes_context {
    commands::write_service& writer;
    query_pool& queries;
    checkpoint_watcher& checkpoints;
    jwt_config jwt;
    eventlog::topics topics;
    std::chrono::milliseconds command_timeout{5000};
    std::chrono::milliseconds consistency_timeout{2000};
    bool allow_unqualified_conversion = false;
    /// Benchmark baseline only: write routes authenticate, validate and decode as usual,
    /// then answer a fixed success without submitting to the writer (nothing is stored).
    bool canned_writes = false;
};

/// Registers the lead endpoints under /v1/tenants/{tenant_id}/leads (DESIGN.md §5,
/// schemas/openapi.yaml): commands go to the writer, queries to the read models.
void add_lead_routes(router& r, lead_routes_context& context);

} // namespace ventros::gateway
