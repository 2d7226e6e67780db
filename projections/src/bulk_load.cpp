#include "ventros/projections/projection.hpp"

namespace ventros::projections {
namespace {

/// Applies each batch as the live projector would.
class applying_bulk_load final : public bulk_load {
public:
    applying_bulk_load(const projection& p, table_names tables)
        : projection_(p), tables_(std::move(tables)) {}

    apply_result add(pqxx::transaction_base& tx, std::span<const decoded_event> events) override {
        return projection_.apply(tx, events, tables_);
    }

    void finish(pqxx::transaction_base&) override {}

private:
    const projection& projection_;
    table_names tables_;
};

} // namespace

std::unique_ptr<bulk_load> projection::start_bulk_load(const table_names& tables) const {
    return std::make_unique<applying_bulk_load>(*this, tables);
}

} // namespace ventros::projections
