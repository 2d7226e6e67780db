#pragma once

#include "aggregate_store.hpp"
#include "ventros/commands/write_request.hpp"
#include "ventros/domain/crm.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/kafka_config.hpp"
#include "ventros/eventlog/record.hpp"

#include <expected>
#include <string>
#include <vector>

namespace ventros::commands {

/// Stamps a command's events as CloudEvents records (DESIGN.md §3) for `partition`, keyed
/// by the request's key, each on the topic of its aggregate kind. `command_id` is the
/// Idempotency-Key or a generated id. Events appended on the command's behalf carry no request
/// hash, so replay does not take them for the command's result.
std::vector<eventlog::outgoing_record> make_event_records(const write_request& request,
                                                          const std::vector<decided_event>& events,
                                                          const std::string& command_id,
                                                          const eventlog::topics& topics,
                                                          std::int32_t partition);

/// A crm event read back from the log with its attributes; an error names what is wrong.
struct logged_crm_event {
    eventlog::cloud_event_attributes attributes;
    domain::crm_event event;
};
std::expected<logged_crm_event, std::string> read_crm_event(const eventlog::record& r);

/// The HTTP status a command's result has: 201 when its first event created the aggregate.
unsigned result_status(const domain::crm_event& first_event) noexcept;

} // namespace ventros::commands
