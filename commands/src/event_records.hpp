#pragma once

#include "ventros/commands/write_request.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/record.hpp"

#include <expected>
#include <string>
#include <vector>

namespace ventros::commands {

/// Stamps a command's events as CloudEvents records (DESIGN.md §3) for `topic` and
/// `partition`, keyed by tenant. `version_after_first` is the aggregate version after the
/// first event. `command_id` is the Idempotency-Key or a generated id.
std::vector<eventlog::outgoing_record>
make_event_records(const write_request& request, const std::vector<domain::lead_event>& events,
                   std::uint32_t version_after_first, const std::string& command_id,
                   const std::string& topic, std::int32_t partition);

/// A lead event read back from the log with its attributes; an error names what is wrong.
struct logged_lead_event {
    eventlog::cloud_event_attributes attributes;
    domain::lead_event event;
};
std::expected<logged_lead_event, std::string> read_lead_event(const eventlog::record& r);

/// The HTTP status a command's result has: 201 when its first event created the aggregate.
unsigned result_status(const domain::lead_event& first_event) noexcept;

} // namespace ventros::commands
