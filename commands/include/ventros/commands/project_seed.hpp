#pragma once

#include "ventros/domain/plan.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/record.hpp"

#include <string>
#include <vector>

namespace ventros::commands {

/// A plan without limits (and a high rate), for tenants that tools preload.
domain::plan unlimited_plan();

/// The records that open project `tenant` owned by `owner` on `plan`, exactly as
/// POST /v1/tenants would append them (project, first admin, trial subscription,
/// default pipeline), for tools that write a log directly: benchmark and test
/// preloaders. Decided by the writer's own rules, stamped for `partitions` partitions.
std::vector<eventlog::outgoing_record>
project_opening_records(const std::string& tenant, const std::string& owner,
                        const domain::plan& plan, const eventlog::topics& topics, int partitions);

} // namespace ventros::commands
