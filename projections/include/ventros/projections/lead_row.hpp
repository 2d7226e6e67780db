#pragma once

#include "ventros/projections/decoded_event.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>

namespace ventros::projections {

/// A `leads` row. Every value is kept as the PostgreSQL text input of its column (JSON
/// text for `bant` and `custom_fields`, an array literal for `tags`, any time format
/// PostgreSQL reads for the timestamps), so a row loaded as text is written back as is.
struct lead_row {
    std::string tenant_id;
    std::string lead_id; ///< lower case
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> company;
    std::string source;
    std::optional<std::string> source_details;
    std::string stage;
    std::int64_t score = 0;
    std::optional<std::string> bant; ///< {answers, points, threshold, flow_version}
    std::optional<std::string> assigned_to;
    std::string tags = "{}";
    std::string custom_fields = "{}";
    std::string created_by;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> qualified_at;
    std::optional<std::string> converted_at;
    std::optional<std::string> deal_id;
    std::optional<std::string> lost_at;
    std::optional<std::string> lost_reason;
    std::int64_t version = 0;

    bool operator==(const lead_row&) const = default;
};

/// A `lead_events` journal row, values as PostgreSQL text input (`data` is JSON text).
struct lead_journal_row {
    std::string tenant_id;
    std::string lead_id; ///< lower case
    std::int64_t version = 0;
    std::string event_id;
    std::string type;
    std::string occurred_at;
    std::optional<std::string> actor;
    std::string data;
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
};

/// What one event did to a lead row.
enum class fold_outcome { applied, already_applied };

/// Applies one lead event (precondition: `e.event` holds a lead_event) to a `leads` row (`nullopt`:
/// no row yet). The event applies when its aggregate version is the row's version + 1 (1 and
/// `lead.created` for a new row); a version at or below the row's is already reflected. Returns the
/// reason when the event cannot apply (version gap, malformed time). Pure; never throws on bad
/// input.
std::expected<fold_outcome, std::string> fold_lead_row(std::optional<lead_row>& row,
                                                       const decoded_event& e);

/// The `lead_events` journal row of `e`, which `fold_lead_row` has just applied to
/// `row` (tenant, lead id and time come from the row, already validated and formatted).
lead_journal_row journal_row_of(const decoded_event& e, const lead_row& row);

} // namespace ventros::projections
