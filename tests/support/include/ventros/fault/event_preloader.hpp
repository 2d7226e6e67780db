#pragma once

#include "ventros/domain/lead.hpp"
#include "ventros/eventlog/transactional_producer.hpp"
#include "ventros/fault/lead_ref.hpp"
#include "ventros/testing/stack.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ventros::fault {

/// Appends lead histories straight to a stack's crm topic, as the gateway would record
/// them (real domain decisions, CloudEvents headers, key = tenant, murmur2 partition),
/// with a transactional producer and no HTTP: a fast way to stream many events at the
/// projector. Remembers the last version of every lead it wrote. Not thread-safe.
class event_preloader {
public:
    event_preloader(const testing::stack& s, std::vector<std::string> tenants);

    /// Appends at least `events` events, `per_transaction` at most per transaction: five
    /// per lead (created, scored, qualified, assigned, updated), leads spread over the
    /// tenants round-robin.
    void write(std::size_t events, std::size_t per_transaction = 2000);

    /// Last version written of every lead.
    const std::map<lead_ref, std::uint32_t>& versions() const noexcept { return versions_; }
    /// Events written so far.
    std::size_t events() const noexcept { return events_; }

private:
    void decide(const std::string& tenant, const domain::lead_command& command);
    void flush();

    std::string topic_;
    std::int32_t partitions_;
    std::vector<std::string> tenants_;
    eventlog::transactional_producer producer_;
    std::map<lead_ref, domain::lead_state> states_;
    std::map<lead_ref, std::uint32_t> versions_;
    std::vector<eventlog::outgoing_record> pending_;
    std::size_t events_ = 0;
    std::size_t leads_ = 0;
};

} // namespace ventros::fault
