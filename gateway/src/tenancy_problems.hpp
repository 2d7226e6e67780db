#pragma once

#include "ventros/domain/crm.hpp"
#include "ventros/gateway/problem.hpp"

namespace ventros::gateway {

/// Problems for refusals of users, projects and subscriptions, plan quotas and blocked
/// writes (see write_problems.hpp for the contract of each status).
problem tenancy_problem(domain::user_error e);    ///< email_taken → 409
problem tenancy_problem(domain::project_error e); ///< not_found, member_not_found → 404;
                                                  ///< not_permitted → 403; the rest → 409
/// not_found → 404; not_permitted → 403; currency_mismatch, unknown_subscription,
/// incomplete_provider_event → 422; the rest → 409.
problem tenancy_problem(domain::subscription_error e);
/// 402 `quota-exceeded` naming the limit, its value and the current usage.
problem tenancy_problem(const domain::quota_exceeded& q);
problem tenancy_problem(domain::write_block b); ///< 402 `account-suspended`
/// not_found → 404; not_owner, not_permitted → 403; the rest → 409.
problem tenancy_problem(domain::billing_account_error e);

} // namespace ventros::gateway
