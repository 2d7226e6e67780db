#include "enum_names.hpp"
#include "ventros/domain/bant.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<budget_answer, 4> budget_codes{{
    {budget_answer::under_1000, "under_1000"},
    {budget_answer::from_1000_to_5000, "1000_5000"},
    {budget_answer::from_5000_to_10000, "5000_10000"},
    {budget_answer::above_10000, "above_10000"},
}};

constexpr detail::name_table<authority_answer, 3> authority_codes{{
    {authority_answer::decision_maker, "decision_maker"},
    {authority_answer::influencer, "influencer"},
    {authority_answer::researching, "researching"},
}};

constexpr detail::name_table<timeline_answer, 4> timeline_codes{{
    {timeline_answer::immediately, "immediately"},
    {timeline_answer::within_30_days, "30_days"},
    {timeline_answer::within_3_months, "3_months"},
    {timeline_answer::researching, "researching"},
}};

} // namespace

std::string_view to_string(budget_answer a) noexcept {
    return detail::name_of(budget_codes, a);
}

std::string_view to_string(authority_answer a) noexcept {
    return detail::name_of(authority_codes, a);
}

std::string_view to_string(timeline_answer a) noexcept {
    return detail::name_of(timeline_codes, a);
}

std::optional<budget_answer> parse_budget(std::string_view code) noexcept {
    return detail::value_of(budget_codes, code);
}

std::optional<authority_answer> parse_authority(std::string_view code) noexcept {
    return detail::value_of(authority_codes, code);
}

std::optional<timeline_answer> parse_timeline(std::string_view code) noexcept {
    return detail::value_of(timeline_codes, code);
}

} // namespace ventros::domain
