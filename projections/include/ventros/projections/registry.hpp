#pragma once

#include "ventros/projections/projection.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace ventros::projections {

/// Every projection this build knows, in a stable order.
std::vector<std::unique_ptr<projection>> all_projections();

/// The projection called `name`, or nullptr.
std::unique_ptr<projection> find_projection(std::string_view name);

} // namespace ventros::projections
