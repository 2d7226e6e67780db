#include "ventros/projections/registry.hpp"

#include "ventros/projections/leads_projection.hpp"

namespace ventros::projections {

std::vector<std::unique_ptr<projection>> all_projections() {
    std::vector<std::unique_ptr<projection>> all;
    all.push_back(std::make_unique<leads_projection>());
    return all;
}

std::unique_ptr<projection> find_projection(std::string_view name) {
    for (auto& candidate : all_projections()) {
        if (candidate->name() == name) {
            return std::move(candidate);
        }
    }
    return nullptr;
}

} // namespace ventros::projections
