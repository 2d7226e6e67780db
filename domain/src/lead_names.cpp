#include "enum_names.hpp"
#include "ventros/domain/lead.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<lead_stage, 6> stage_names{{
    {lead_stage::new_lead, "new"},
    {lead_stage::contacted, "contacted"},
    {lead_stage::qualified, "qualified"},
    {lead_stage::unqualified, "unqualified"},
    {lead_stage::converted, "converted"},
    {lead_stage::lost, "lost"},
}};

constexpr detail::name_table<lead_source, 9> source_names{{
    {lead_source::whatsapp, "whatsapp"},
    {lead_source::web, "web"},
    {lead_source::email, "email"},
    {lead_source::phone, "phone"},
    {lead_source::import, "import"},
    {lead_source::api, "api"},
    {lead_source::referral, "referral"},
    {lead_source::event, "event"},
    {lead_source::other, "other"},
}};

constexpr detail::name_table<lead_error, 9> error_slugs{{
    {lead_error::not_found, "lead-not-found"},
    {lead_error::already_exists, "lead-already-exists"},
    {lead_error::already_converted, "lead-already-converted"},
    {lead_error::lead_is_lost, "lead-is-lost"},
    {lead_error::not_qualified, "lead-not-qualified"},
    {lead_error::agent_role_not_assignable, "agent-role-not-assignable"},
    {lead_error::stage_not_settable, "stage-not-settable"},
    {lead_error::nothing_to_change, "nothing-to-change"},
    {lead_error::not_permitted, "not-permitted"},
}};

} // namespace

std::string_view to_string(lead_stage s) noexcept {
    return detail::name_of(stage_names, s);
}

std::optional<lead_stage> parse_lead_stage(std::string_view text) noexcept {
    return detail::value_of(stage_names, text);
}

std::string_view to_string(lead_source s) noexcept {
    return detail::name_of(source_names, s);
}

std::optional<lead_source> parse_lead_source(std::string_view text) noexcept {
    return detail::value_of(source_names, text);
}

std::string_view to_string(lead_error e) noexcept {
    return detail::name_of(error_slugs, e);
}

} // namespace ventros::domain
