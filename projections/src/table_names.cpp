#include "ventros/projections/projection.hpp"

namespace ventros::projections {

table_names table_names::with_suffix(const std::vector<std::string>& logical,
                                     const std::string& suffix) {
    table_names names;
    for (const auto& table : logical) {
        names.actual_[table] = table + suffix;
    }
    return names;
}

const std::string& table_names::operator[](const std::string& logical) const {
    const auto found = actual_.find(logical);
    return found == actual_.end() ? logical : found->second;
}

} // namespace ventros::projections
