#include "tenancy_problems.hpp"

namespace ventros::gateway {
namespace {

problem refusal(unsigned status, std::string_view slug, std::string title, std::string detail) {
    return problem{status, std::string(slug), std::move(title), std::move(detail)};
}

} // namespace

problem tenancy_problem(domain::user_error e) {
    return refusal(409, domain::to_string(e), "Email taken",
                   "Another user registered with this email.");
}

problem tenancy_problem(domain::project_error e) {
    using domain::project_error;
    switch (e) {
    case project_error::not_found:
        return refusal(404, domain::to_string(e), "Tenant not found",
                       "No project has this tenant id: create it with POST /v1/tenants.");
    case project_error::member_not_found:
        return refusal(404, domain::to_string(e), "Member not found",
                       "The user is not a member of the project.");
    case project_error::not_permitted:
        return refusal(403, domain::to_string(e), "Not permitted",
                       "Only the project's admins manage it.");
    case project_error::already_exists:
        return refusal(409, domain::to_string(e), "Tenant id taken",
                       "Another project has this tenant id.");
    case project_error::last_admin:
        return refusal(409, domain::to_string(e), "Last admin",
                       "A project keeps at least one admin.");
    case project_error::nothing_to_change:
        return refusal(409, domain::to_string(e), "Nothing to change",
                       "The project already has these settings.");
    }
    return refusal(409, domain::to_string(e), "Conflict", "The project refused the change.");
}

problem tenancy_problem(domain::subscription_error e) {
    using domain::subscription_error;
    switch (e) {
    case subscription_error::not_found:
        return refusal(404, domain::to_string(e), "Subscription not found",
                       "The project has no subscription.");
    case subscription_error::not_permitted:
        return refusal(403, domain::to_string(e), "Not permitted",
                       "Only the project's admins change its subscription.");
    case subscription_error::currency_mismatch:
    case subscription_error::unknown_subscription:
    case subscription_error::incomplete_provider_event:
        return refusal(422, domain::to_string(e), "Unprocessable subscription change",
                       std::string("The subscription cannot take this: ") +
                           std::string(domain::to_string(e)) + ".");
    case subscription_error::already_exists:
    case subscription_error::same_plan:
    case subscription_error::subscription_ended:
    case subscription_error::already_scheduled:
    case subscription_error::nothing_scheduled:
        break;
    }
    return refusal(409, domain::to_string(e), "Subscription conflict",
                   std::string("The subscription refused the change: ") +
                       std::string(domain::to_string(e)) + ".");
}

problem tenancy_problem(const domain::quota_exceeded& q) {
    const auto metric = std::string(domain::to_string(q.metric));
    auto p = refusal(402, domain::to_string(q), "Quota exceeded",
                     "The plan allows " + std::to_string(q.limit) + " " + metric + "; " +
                         std::to_string(q.current) + " are used. Upgrade the plan to go on.");
    p.extensions["limit"] = metric;
    p.extensions["limit_value"] = q.limit;
    p.extensions["current_usage"] = q.current;
    p.extensions["requested"] = q.requested;
    return p;
}

problem tenancy_problem(domain::billing_account_error e) {
    using domain::billing_account_error;
    switch (e) {
    case billing_account_error::not_found:
        return refusal(404, domain::to_string(e), "Billing account not found",
                       "No billing account has this id.");
    case billing_account_error::not_owner:
        return refusal(403, domain::to_string(e), "Billing account not owned",
                       "The billing account belongs to another user.");
    case billing_account_error::not_permitted:
        return refusal(403, domain::to_string(e), "Not permitted",
                       "Only the billing system suspends and reinstates accounts.");
    case billing_account_error::already_exists:
    case billing_account_error::already_suspended:
    case billing_account_error::not_suspended:
    case billing_account_error::nothing_to_change:
        break;
    }
    return refusal(409, domain::to_string(e), "Billing account conflict",
                   std::string("The billing account refused the change: ") +
                       std::string(domain::to_string(e)) + ".");
}

problem tenancy_problem(domain::write_block b) {
    return refusal(402, domain::to_string(b), "Account suspended",
                   "The billing account paying for this project is suspended: reads work, "
                   "writes do not until it is reinstated.");
}

} // namespace ventros::gateway
