#include "ventros/domain/contact.hpp"
#include "ventros/domain/overloaded.hpp"

#include <algorithm>

namespace ventros::domain {

const contact_id& subject_of(const contact_event& e) noexcept {
    return std::visit([](const auto& event) -> const contact_id& { return event.id; }, e);
}

const contact_id& subject_of(const contact_command& c) noexcept {
    return std::visit([](const auto& command) -> const contact_id& { return command.id; }, c);
}

bool contact_state::has_link(const contact_link& link) const {
    return std::ranges::find(links, link) != links.end();
}

contact_state evolve(const std::optional<contact_state>& state, const contact_event& event) {
    contact_state next = state.value_or(contact_state{});
    const auto take = [](auto& field, const auto& value) {
        if (value) {
            field = value;
        }
    };
    std::visit(domain::overloaded{
                   [&](const contact_created& e) {
                       next = {.id = e.id,
                               .name = e.name,
                               .email = e.email,
                               .phone = e.phone,
                               .position = e.position,
                               .company = e.company,
                               .links = {},
                               .merged_into = std::nullopt,
                               .version = 0};
                   },
                   [&](const contact_updated& e) {
                       next.name = e.name.value_or(next.name);
                       if (e.email) {
                           next.email = *e.email;
                       }
                       if (e.phone) {
                           next.phone = *e.phone;
                       }
                       if (e.position) {
                           next.position = *e.position;
                       }
                       if (e.company) {
                           next.company = *e.company;
                       }
                   },
                   [&](const contact_linked& e) { next.links.push_back(e.link); },
                   [&](const contact_unlinked& e) { std::erase(next.links, e.link); },
                   [&](const contact_merged& e) {
                       // Its links moved to the survivor.
                       next.merged_into = e.into;
                       next.links.clear();
                   },
                   [&](const contact_absorbed& e) {
                       take(next.email, e.email);
                       take(next.phone, e.phone);
                       take(next.position, e.position);
                       take(next.company, e.company);
                       next.links.insert(next.links.end(), e.links.begin(), e.links.end());
                   },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
