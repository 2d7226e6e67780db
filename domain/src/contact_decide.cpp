// Contact decisions (DOMAIN.md "Contacts and companies"; issue 4). Checks in this order,
// the first that fails is the answer:
//  1. A viewer → not_permitted (contacts are shared: any other role may write them).
//  2. create_contact: an id in use → already_exists; a company that does not exist →
//     unknown_company; an email, then a phone, another contact has → duplicate (naming it).
//  3. Every other command on a missing contact → not_found; on a merged one → merged.
//  4. update_contact: a company set that does not exist → unknown_company; an email or
//     phone set that another contact has → duplicate; only fields that differ go into
//     contact_updated; none → nothing_to_change.
//  5. link_contact: the lead or deal must exist (unknown_lead / unknown_deal); a link made
//     already → nothing_to_change. unlink_contact: a link not made → nothing_to_change.
//  6. merge_contacts: an agent → not_permitted; the survivor itself → merge_into_itself; a
//     merged contact that does not exist → unknown_contact, or was merged already → merged.
//     The survivor takes the fields it has empty and the links it lacks.
#include "ventros/domain/contact.hpp"
#include "ventros/domain/overloaded.hpp"

#include <algorithm>

namespace ventros::domain {
namespace {

std::unexpected<contact_refusal> refuse(contact_error e,
                                        std::optional<contact_id> holder = std::nullopt) {
    return std::unexpected(contact_refusal(e, std::move(holder)));
}

/// The duplicate refusal when another contact than `self` holds the email or the phone
/// the command sets.
std::optional<std::unexpected<contact_refusal>>
duplicate_of(const contact_id& self, bool sets_email, bool sets_phone, const contact_facts& facts) {
    for (const auto& [sets, holder] :
         {std::pair{sets_email, &facts.email_holder}, std::pair{sets_phone, &facts.phone_holder}}) {
        if (sets && *holder && **holder != self) {
            return refuse(contact_error::duplicate, *holder);
        }
    }
    return std::nullopt;
}

contact_decision decide_create(const create_contact& c, const contact_facts& facts) {
    if (c.company && !facts.company_exists) {
        return refuse(contact_error::unknown_company);
    }
    if (auto duplicate = duplicate_of(c.id, c.email.has_value(), c.phone.has_value(), facts)) {
        return *duplicate;
    }
    return std::vector<contact_event>{contact_created{.id = c.id,
                                                      .name = c.name,
                                                      .email = c.email,
                                                      .phone = c.phone,
                                                      .position = c.position,
                                                      .company = c.company}};
}

contact_decision decide_on(const create_contact&, const contact_state&, const contact_facts&,
                           const command_context&) {
    return refuse(contact_error::already_exists);
}

contact_decision decide_on(const update_contact& c, const contact_state& s,
                           const contact_facts& facts, const command_context&) {
    contact_updated e{.id = c.id};
    if (c.name && *c.name != s.name) {
        e.name = c.name;
    }
    if (c.email && *c.email != s.email) {
        e.email = c.email;
    }
    if (c.phone && *c.phone != s.phone) {
        e.phone = c.phone;
    }
    if (c.position && *c.position != s.position) {
        e.position = c.position;
    }
    if (c.company && *c.company != s.company) {
        e.company = c.company;
    }
    if (e.company && *e.company && !facts.company_exists) {
        return refuse(contact_error::unknown_company);
    }
    if (auto duplicate = duplicate_of(c.id, e.email && *e.email, e.phone && *e.phone, facts)) {
        return *duplicate;
    }
    if (!e.name && !e.email && !e.phone && !e.position && !e.company) {
        return refuse(contact_error::nothing_to_change);
    }
    return std::vector<contact_event>{std::move(e)};
}

contact_decision decide_on(const link_contact& c, const contact_state& s,
                           const contact_facts& facts, const command_context&) {
    if (!facts.link_target_exists) {
        return refuse(std::holds_alternative<lead_id>(c.link) ? contact_error::unknown_lead
                                                              : contact_error::unknown_deal);
    }
    if (s.has_link(c.link)) {
        return refuse(contact_error::nothing_to_change);
    }
    return std::vector<contact_event>{contact_linked{c.id, c.link}};
}

contact_decision decide_on(const unlink_contact& c, const contact_state& s, const contact_facts&,
                           const command_context&) {
    if (!s.has_link(c.link)) {
        return refuse(contact_error::nothing_to_change);
    }
    return std::vector<contact_event>{contact_unlinked{c.id, c.link}};
}

contact_decision decide_on(const merge_contacts& c, const contact_state& s,
                           const contact_facts& facts, const command_context& context) {
    if (context.actor_role != role::admin && context.actor_role != role::manager) {
        return refuse(contact_error::not_permitted);
    }
    if (c.merged == c.id) {
        return refuse(contact_error::merge_into_itself);
    }
    if (!facts.merged) {
        return refuse(contact_error::unknown_contact);
    }
    const auto& merged = *facts.merged;
    if (merged.merged_into) {
        return refuse(contact_error::merged);
    }
    const auto fill = [](const auto& mine, const auto& theirs) {
        return mine ? std::nullopt : theirs;
    };
    contact_absorbed absorbed{.id = s.id,
                              .absorbed = merged.id,
                              .email = fill(s.email, merged.email),
                              .phone = fill(s.phone, merged.phone),
                              .position = fill(s.position, merged.position),
                              .company = fill(s.company, merged.company),
                              .links = {}};
    std::ranges::copy_if(merged.links, std::back_inserter(absorbed.links),
                         [&s](const contact_link& link) { return !s.has_link(link); });
    return std::vector<contact_event>{std::move(absorbed), contact_merged{merged.id, s.id}};
}

} // namespace

contact_decision decide(const contact_command& command, const std::optional<contact_state>& state,
                        const contact_facts& facts, const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(contact_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_contact>(&command); create != nullptr && !state) {
        return decide_create(*create, facts);
    }
    if (!state) {
        return refuse(contact_error::not_found);
    }
    if (state->merged_into && !std::holds_alternative<create_contact>(command)) {
        return refuse(contact_error::merged);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state, facts, context); }, command);
}

std::string_view to_string(contact_error e) noexcept {
    switch (e) {
    case contact_error::not_found:
        return "contact-not-found";
    case contact_error::already_exists:
        return "contact-already-exists";
    case contact_error::not_permitted:
        return "not-permitted";
    case contact_error::duplicate:
        return "contact-duplicate";
    case contact_error::unknown_company:
        return "unknown-company";
    case contact_error::unknown_lead:
        return "unknown-lead";
    case contact_error::unknown_deal:
        return "unknown-deal";
    case contact_error::merged:
        return "contact-merged";
    case contact_error::unknown_contact:
        return "unknown-contact";
    case contact_error::merge_into_itself:
        return "merge-into-itself";
    case contact_error::nothing_to_change:
        return "nothing-to-change";
    }
    return "unknown";
}

std::string_view to_string(const contact_refusal& r) noexcept {
    return to_string(r.error);
}

} // namespace ventros::domain
