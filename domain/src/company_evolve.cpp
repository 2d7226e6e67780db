#include "enum_names.hpp"
#include "ventros/domain/company.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<company_size, 5> size_names{{
    {company_size::from_1_to_10, "1-10"},
    {company_size::from_11_to_50, "11-50"},
    {company_size::from_51_to_200, "51-200"},
    {company_size::from_201_to_1000, "201-1000"},
    {company_size::above_1000, "1001+"},
}};

} // namespace

std::string_view to_string(company_size s) noexcept {
    return detail::name_of(size_names, s);
}

std::optional<company_size> parse_company_size(std::string_view text) noexcept {
    return detail::value_of(size_names, text);
}

const company_id& subject_of(const company_event& e) noexcept {
    return std::visit([](const auto& event) -> const company_id& { return event.id; }, e);
}

const company_id& subject_of(const company_command& c) noexcept {
    return std::visit([](const auto& command) -> const company_id& { return command.id; }, c);
}

company_state evolve(const std::optional<company_state>& state, const company_event& event) {
    company_state next = state.value_or(company_state{});
    std::visit(domain::overloaded{
                   [&](const company_created& e) {
                       next = {.id = e.id,
                               .name = e.name,
                               .domain = e.domain,
                               .industry = e.industry,
                               .size = e.size,
                               .version = 0};
                   },
                   [&](const company_updated& e) {
                       next.name = e.name.value_or(next.name);
                       if (e.domain) {
                           next.domain = *e.domain;
                       }
                       if (e.industry) {
                           next.industry = *e.industry;
                       }
                       if (e.size) {
                           next.size = *e.size;
                       }
                   },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
