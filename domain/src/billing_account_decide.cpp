// Billing account decisions (DOMAIN.md "Plans, subscriptions, usage"; issue 5). The order
// of the checks is documented on `decide` in billing_account.hpp.
#include "ventros/domain/billing_account.hpp"

namespace ventros::domain {
namespace {

std::unexpected<billing_account_error> refuse(billing_account_error e) {
    return std::unexpected(e);
}

billing_caller required_caller(const billing_account_command& command) noexcept {
    return std::holds_alternative<create_billing_account>(command) ||
                   std::holds_alternative<update_billing_account>(command)
               ? billing_caller::user
               : billing_caller::system;
}

billing_account_decision decide_update(const update_billing_account& c,
                                       const billing_account_state& s) {
    billing_account_updated e{.id = c.id};
    if (c.name && *c.name != s.name) {
        e.name = c.name;
    }
    if (c.billing_email && *c.billing_email != s.billing_email) {
        e.billing_email = c.billing_email;
    }
    if (!e.name && !e.billing_email) {
        return refuse(billing_account_error::nothing_to_change);
    }
    return std::vector<billing_account_event>{std::move(e)};
}

} // namespace

billing_account_decision decide(const billing_account_command& command,
                                const std::optional<billing_account_state>& state,
                                const command_context& context, billing_caller caller) {
    if (caller != required_caller(command)) {
        return refuse(billing_account_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_billing_account>(&command)) {
        if (state) {
            return refuse(billing_account_error::already_exists);
        }
        return std::vector<billing_account_event>{
            billing_account_created{.id = create->id,
                                    .owner = context.actor,
                                    .name = create->name,
                                    .billing_email = create->billing_email}};
    }
    if (!state) {
        return refuse(billing_account_error::not_found);
    }
    if (const auto* update = std::get_if<update_billing_account>(&command)) {
        if (context.actor != state->owner) {
            return refuse(billing_account_error::not_owner);
        }
        return decide_update(*update, *state);
    }
    const bool suspended = state->status == billing_account_status::suspended;
    if (const auto* suspend = std::get_if<suspend_billing_account>(&command)) {
        if (suspended) {
            return refuse(billing_account_error::already_suspended);
        }
        return std::vector<billing_account_event>{
            billing_account_suspended{.id = suspend->id, .reason = suspend->reason}};
    }
    if (!suspended) {
        return refuse(billing_account_error::not_suspended);
    }
    return std::vector<billing_account_event>{
        billing_account_reinstated{.id = std::get<reinstate_billing_account>(command).id}};
}

std::string_view to_string(billing_account_error e) noexcept {
    switch (e) {
    case billing_account_error::not_found:
        return "billing-account-not-found";
    case billing_account_error::already_exists:
        return "billing-account-already-exists";
    case billing_account_error::not_owner:
        return "billing-account-not-owned";
    case billing_account_error::not_permitted:
        return "not-permitted";
    case billing_account_error::already_suspended:
        return "billing-account-already-suspended";
    case billing_account_error::not_suspended:
        return "billing-account-not-suspended";
    case billing_account_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

} // namespace ventros::domain
