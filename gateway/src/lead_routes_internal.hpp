#pragma once

#include "ventros/gateway/lead_routes.hpp"

namespace ventros::gateway {

/// The parts of add_lead_routes: commands and queries of each aggregate.
void add_lead_command_routes(router& r, lead_routes_context& routes);
void add_deal_command_routes(router& r, lead_routes_context& routes);
void add_pipeline_command_routes(router& r, lead_routes_context& routes);
void add_lead_query_routes(router& r, lead_routes_context& routes);
void add_deal_query_routes(router& r, lead_routes_context& routes);
void add_pipeline_query_routes(router& r, lead_routes_context& routes);
/// The metrics views (overview, funnel, daily, sources, agents) of the metrics projection.
void add_metrics_query_routes(router& r, lead_routes_context& routes);
void add_contact_command_routes(router& r, lead_routes_context& routes);
void add_company_command_routes(router& r, lead_routes_context& routes);
void add_contact_query_routes(router& r, lead_routes_context& routes); ///< and companies'
void add_activity_command_routes(router& r, lead_routes_context& routes);
void add_activity_query_routes(router& r, lead_routes_context& routes);
/// Users, sessions, projects (members, products, settings) and subscription commands.
void add_tenancy_command_routes(router& r, lead_routes_context& routes);
/// GET /v1/plans (public) and GET /v1/tenants/{tenant_id} (the tenancy projection).
void add_tenancy_query_routes(router& r, lead_routes_context& routes);

} // namespace ventros::gateway
