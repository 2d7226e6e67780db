#pragma once

#include "ventros/eventlog/record.hpp"

#include <string>
#include <vector>

namespace ventros::fault {

/// A record the projector cannot apply, and the `dlq_reason` it must get.
struct poison {
    std::string what; ///< for messages, e.g. "invalid JSON"
    std::string reason;
    eventlog::outgoing_record record;
};

/// One poison record of each kind for `tenant`'s partition of `topic`: invalid JSON, an
/// unknown ce_type, a lead.created without a name, no headers at all, and CloudEvents
/// headers without ce_tenantid.
std::vector<poison> poison_records(const std::string& topic, std::int32_t partitions,
                                   const std::string& tenant);

} // namespace ventros::fault
