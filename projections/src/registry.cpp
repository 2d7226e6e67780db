#include "ventros/projections/registry.hpp"

#include "ventros/projections/activities_projection.hpp"
#include "ventros/projections/contacts_projection.hpp"
#include "ventros/projections/deals_projection.hpp"
#include "ventros/projections/leads_projection.hpp"
#include "ventros/projections/metrics_projection.hpp"
#include "ventros/projections/pipelines_projection.hpp"
#include "ventros/projections/tenancy_projection.hpp"

namespace ventros::projections {

std::vector<std::unique_ptr<projection>> all_projections() {
    std::vector<std::unique_ptr<projection>> all;
    all.push_back(std::make_unique<leads_projection>());
    all.push_back(std::make_unique<pipelines_projection>());
    all.push_back(std::make_unique<deals_projection>());
    all.push_back(std::make_unique<metrics_projection>());
    all.push_back(std::make_unique<contacts_projection>());
    all.push_back(std::make_unique<activities_projection>());
    all.push_back(std::make_unique<tenancy_projection>());
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
