#pragma once

#include "ventros/projections/decoded_event.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <pqxx/transaction_base>
#include <span>
#include <string>
#include <vector>

namespace ventros::projections {

/// Logical table name → the table actually written (the live one, or a rebuild's shadow).
class table_names {
public:
    /// Every table is its own live table.
    table_names() = default;
    /// Every table `t` of `logical` maps to `t + suffix` (rebuild: "_rebuild").
    static table_names with_suffix(const std::vector<std::string>& logical,
                                   const std::string& suffix);

    /// The actual name; the logical one when not remapped.
    const std::string& operator[](const std::string& logical) const;

private:
    std::map<std::string, std::string> actual_;
};

/// An event a projection could not apply (it goes to the dead-letter queue).
struct rejected_event {
    std::size_t index = 0; ///< into the span given to `apply`
    std::string detail;
};

struct apply_result {
    std::size_t applied = 0; ///< events that changed the read model
    std::size_t skipped = 0; ///< events already reflected (replays)
    std::vector<rejected_event> rejected;
};

/// Fills a projection's empty tables from a replay of its topics from the start (a
/// rebuild), batch after batch, each batch in its own transaction, before any `apply`.
class bulk_load {
public:
    virtual ~bulk_load() = default;
    /// Like `projection::apply` (same results); the tables may only be complete after
    /// `finish`.
    virtual apply_result add(pqxx::transaction_base& tx, std::span<const decoded_event> events) = 0;
    /// Writes whatever `add` kept back; afterwards the tables hold every added event.
    virtual void finish(pqxx::transaction_base& tx) = 0;
};

/// A read model fed from event topics. Implementations are stateless between calls,
/// so one instance serves the live projector and rebuilds (bulk loads hold the state).
class projection {
public:
    virtual ~projection() = default;

    /// Stable name, used for checkpoints, advisory locks and `ventros rebuild <name>`.
    virtual std::string name() const = 0;
    /// Topic kinds consumed (e.g. "crm"); the topic is the configured prefix + kind.
    virtual std::vector<std::string> topics() const = 0;
    /// Tables owned, in creation order (rebuild shadows and swaps exactly these).
    virtual std::vector<std::string> tables() const = 0;

    /// Applies events (in log order per partition) with set-based statements inside
    /// `tx`. Idempotent: events already reflected are skipped, so replaying a batch
    /// changes nothing. Events that cannot be applied are returned, not thrown; database
    /// failures throw (pqxx exceptions) and leave `tx` to be rolled back.
    virtual apply_result apply(pqxx::transaction_base& tx, std::span<const decoded_event> events,
                               const table_names& tables) const = 0;

    /// A bulk load into `tables`, which must be empty. By default each batch is `apply`d.
    virtual std::unique_ptr<bulk_load> start_bulk_load(const table_names& tables) const;
};

} // namespace ventros::projections
