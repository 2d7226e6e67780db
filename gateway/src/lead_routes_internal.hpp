#pragma once

#include "ventros/gateway/lead_routes.hpp"

namespace ventros::gateway {

/// The two halves of add_lead_routes.
void add_lead_command_routes(router& r, lead_routes_context& routes);
void add_lead_query_routes(router& r, lead_routes_context& routes);

} // namespace ventros::gateway
