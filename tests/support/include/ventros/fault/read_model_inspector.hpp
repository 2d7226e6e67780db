#pragma once

#include "ventros/fault/lead_ref.hpp"
#include "ventros/testing/stack.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace ventros::fault {

/// The `lead_events` rows of one lead, summarized.
struct journal_summary {
    std::int64_t rows = 0;
    std::int64_t distinct_versions = 0;
    std::int64_t min_version = 0;
    std::int64_t max_version = 0;
    bool operator==(const journal_summary&) const = default;
};

/// Reads the leads read models of a stack as the superuser (no row-level security), on
/// one connection of its own. Not thread-safe.
class read_model_inspector {
public:
    explicit read_model_inspector(const testing::stack& s);

    /// `version` of every row of `leads`.
    std::map<lead_ref, std::uint32_t> lead_versions();
    /// `lead_events` grouped by lead.
    std::map<lead_ref, journal_summary> journal();
    std::int64_t journal_rows();
    std::int64_t distinct_event_ids();
    /// md5 over every `leads` row as text, in primary-key order.
    std::string leads_digest();
    /// md5 over every `lead_events` row as text, in primary-key order.
    std::string journal_digest();
    /// Sum of the leads projection's checkpoints: grows whenever the projector commits.
    std::int64_t checkpoint_total();
    /// The leads projection's checkpoint of each partition of `topic` (full name), in
    /// partition order; 0 where there is none. `partitions` long.
    std::vector<std::int64_t> checkpoints(const std::string& topic, std::size_t partitions);

private:
    std::string single_value(const std::string& sql);
    std::unique_ptr<pqxx::connection> conn_;
};

} // namespace ventros::fault
