#pragma once

#include "ventros/commands/project_seed.hpp"
#include "ventros/commands/write_request.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <string>

namespace ventros::test {

/// The command that opens project `tenant` (as POST /v1/tenants would) on an unlimited
/// plan, from its admin u1: tenants must exist before CRM commands.
inline commands::write_request opening_request(const std::string& tenant) {
    commands::write_request r;
    r.context = {
        domain::tenant_id(tenant), domain::user_id("u1"), domain::role::admin,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
    r.command = domain::project_opening{
        domain::create_project{domain::tenant_id(tenant), "Project " + tenant, std::nullopt,
                               domain::billing_account_id("account-1")},
        domain::start_subscription{domain::subscription_id("subscription-" + tenant),
                                   commands::unlimited_plan(), domain::default_trial_days}};
    r.request_id = "open-" + tenant;
    r.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    return r;
}

/// Opens project `tenant` in `store` (a commands::aggregate_store).
template <class Store>
void open_project(Store& store, const std::string& tenant = "acme") {
    REQUIRE(store.decide_and_apply(opening_request(tenant)));
}

} // namespace ventros::test
