#include "enum_names.hpp"
#include "ventros/domain/billing_account.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<billing_account_status, 2> status_names{{
    {billing_account_status::active, "active"},
    {billing_account_status::suspended, "suspended"},
}};

constexpr detail::name_table<suspension_reason, 3> reason_names{{
    {suspension_reason::payment_failed, "payment-failed"},
    {suspension_reason::fraud, "fraud"},
    {suspension_reason::requested, "requested"},
}};

} // namespace

std::string_view to_string(billing_account_status s) noexcept {
    return detail::name_of(status_names, s);
}

std::string_view to_string(suspension_reason r) noexcept {
    return detail::name_of(reason_names, r);
}

std::optional<suspension_reason> parse_suspension_reason(std::string_view text) noexcept {
    return detail::value_of(reason_names, text);
}

const billing_account_id& subject_of(const billing_account_event& e) noexcept {
    return std::visit([](const auto& event) -> const billing_account_id& { return event.id; }, e);
}

const billing_account_id& subject_of(const billing_account_command& c) noexcept {
    return std::visit([](const auto& command) -> const billing_account_id& { return command.id; },
                      c);
}

billing_account_state evolve(const std::optional<billing_account_state>& state,
                             const billing_account_event& event) {
    billing_account_state next = state.value_or(billing_account_state{});
    std::visit(domain::overloaded{
                   [&](const billing_account_created& e) {
                       next = {.id = e.id,
                               .owner = e.owner,
                               .name = e.name,
                               .billing_email = e.billing_email,
                               .status = billing_account_status::active,
                               .suspension = std::nullopt,
                               .version = 0};
                   },
                   [&](const billing_account_updated& e) {
                       next.name = e.name.value_or(next.name);
                       next.billing_email = e.billing_email.value_or(next.billing_email);
                   },
                   [&](const billing_account_suspended& e) {
                       next.status = billing_account_status::suspended;
                       next.suspension = e.reason;
                   },
                   [&](const billing_account_reinstated&) {
                       next.status = billing_account_status::active;
                       next.suspension.reset();
                   },
               },
               event);
    ++next.version;
    return next;
}

std::optional<billing_account_state> fold(const std::vector<billing_account_event>& events) {
    std::optional<billing_account_state> state;
    for (const auto& event : events) {
        state = evolve(state, event);
    }
    return state;
}

} // namespace ventros::domain
