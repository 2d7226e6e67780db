// Company decisions (DOMAIN.md "Contacts and companies"; issue 4). Checks in this order,
// the first that fails is the answer:
//  1. A viewer → not_permitted (companies are shared: any other role may write them).
//  2. create_company: an id in use → already_exists; a domain another company has →
//     duplicate (naming it).
//  3. update_company on a missing company → not_found; a domain another company has →
//     duplicate; only fields that differ go into company_updated; none → nothing_to_change.
#include "ventros/domain/company.hpp"

namespace ventros::domain {
namespace {

std::unexpected<company_refusal> refuse(company_error e,
                                        std::optional<company_id> holder = std::nullopt) {
    return std::unexpected(company_refusal(e, std::move(holder)));
}

/// The company that already has the domain, when it is not `self`.
std::optional<company_id> other_holder(const std::optional<company_id>& holder,
                                       const company_id& self) {
    return holder && *holder != self ? holder : std::nullopt;
}

company_decision decide_create(const create_company& c, const std::optional<company_id>& holder) {
    if (c.domain) {
        if (auto other = other_holder(holder, c.id)) {
            return refuse(company_error::duplicate, std::move(other));
        }
    }
    return std::vector<company_event>{company_created{
        .id = c.id, .name = c.name, .domain = c.domain, .industry = c.industry, .size = c.size}};
}

company_decision decide_update(const update_company& c, const company_state& s,
                               const std::optional<company_id>& holder) {
    company_updated e{.id = c.id};
    if (c.name && *c.name != s.name) {
        e.name = c.name;
    }
    if (c.domain && *c.domain != s.domain) {
        if (*c.domain) {
            if (auto other = other_holder(holder, c.id)) {
                return refuse(company_error::duplicate, std::move(other));
            }
        }
        e.domain = c.domain;
    }
    if (c.industry && *c.industry != s.industry) {
        e.industry = c.industry;
    }
    if (c.size && *c.size != s.size) {
        e.size = c.size;
    }
    if (!e.name && !e.domain && !e.industry && !e.size) {
        return refuse(company_error::nothing_to_change);
    }
    return std::vector<company_event>{std::move(e)};
}

} // namespace

company_decision decide(const company_command& command, const std::optional<company_state>& state,
                        const std::optional<company_id>& domain_holder,
                        const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(company_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_company>(&command)) {
        if (state) {
            return refuse(company_error::already_exists);
        }
        return decide_create(*create, domain_holder);
    }
    if (!state) {
        return refuse(company_error::not_found);
    }
    return decide_update(std::get<update_company>(command), *state, domain_holder);
}

std::string_view to_string(company_error e) noexcept {
    switch (e) {
    case company_error::not_found:
        return "company-not-found";
    case company_error::already_exists:
        return "company-already-exists";
    case company_error::not_permitted:
        return "not-permitted";
    case company_error::duplicate:
        return "company-duplicate";
    case company_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

std::string_view to_string(const company_refusal& r) noexcept {
    return to_string(r.error);
}

} // namespace ventros::domain
