// Activity decisions (DOMAIN.md "Deals, pipelines, activities"; issue 4's rules). Checks
// run in this order, the first that fails is the answer:
//  1. A viewer → not_permitted (anyone else may create).
//  2. create_activity: an id in use → already_exists; at least one link (link_required);
//     each linked record must exist in the tenant (unknown_lead, unknown_deal,
//     unknown_contact). The assignee defaults to the actor.
//  3. Every other command on a missing activity → not_found.
//  4. An agent may act only on activities assigned to them or created by them →
//     not_permitted.
//  5. A completed activity cannot be changed or completed again → already_completed
//     (reopen it first); only a completed one can be reopened → not_completed.
//  6. update_activity: linked records as on create; only fields that differ go into
//     activity_updated, none → nothing_to_change; clearing the last link → link_required.
#include "ventros/domain/activity.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {
namespace {

std::unexpected<activity_error> refuse(activity_error e) {
    return std::unexpected(e);
}

bool is_permitted(const activity_state& state, const command_context& context) {
    return can_change_record(context.actor_role,
                             state.assignee == context.actor || state.created_by == context.actor);
}

std::optional<activity_error> unknown_link(const activity_links_found& found) {
    if (!found.lead) {
        return activity_error::unknown_lead;
    }
    if (!found.deal) {
        return activity_error::unknown_deal;
    }
    if (!found.contact) {
        return activity_error::unknown_contact;
    }
    return std::nullopt;
}

/// Sets `change` to the patch when it differs from `current`.
template <class Value>
void put_if_changed(field_patch<Value>& change, const field_patch<Value>& patch,
                    const std::optional<Value>& current) {
    if (patch && *patch != current) {
        change = patch;
    }
}

/// `current` with the patch applied.
template <class Value>
std::optional<Value> patched(const std::optional<Value>& current, const field_patch<Value>& patch) {
    return patch ? *patch : current;
}

activity_decision decide_create(const create_activity& c, const activity_links_found& found,
                                const command_context& context) {
    if (c.links.empty()) {
        return refuse(activity_error::link_required);
    }
    if (auto unknown = unknown_link(found)) {
        return refuse(*unknown);
    }
    return std::vector<activity_event>{activity_created{
        .id = c.id,
        .kind = c.kind,
        .subject = c.subject,
        .description = c.description,
        .due_at = c.due_at,
        .assignee = c.assignee.value_or(context.actor),
        .links = c.links,
    }};
}

activity_decision decide_on(const create_activity&, const activity_state&,
                            const activity_links_found&) {
    return refuse(activity_error::already_exists);
}

activity_decision decide_on(const update_activity& c, const activity_state& s,
                            const activity_links_found& found) {
    if (auto unknown = unknown_link(found)) {
        return refuse(*unknown);
    }
    activity_updated e{.id = c.id};
    if (c.subject && *c.subject != s.subject) {
        e.subject = c.subject;
    }
    put_if_changed(e.description, c.description, s.description);
    put_if_changed(e.due_at, c.due_at, s.due_at);
    if (c.assignee && *c.assignee != s.assignee) {
        e.assignee = c.assignee;
    }
    put_if_changed(e.lead, c.lead, s.links.lead);
    put_if_changed(e.deal, c.deal, s.links.deal);
    put_if_changed(e.contact, c.contact, s.links.contact);
    if (e == activity_updated{.id = c.id}) {
        return refuse(activity_error::nothing_to_change);
    }
    const activity_links after{.lead = patched(s.links.lead, e.lead),
                               .deal = patched(s.links.deal, e.deal),
                               .contact = patched(s.links.contact, e.contact)};
    if (after.empty()) {
        return refuse(activity_error::link_required);
    }
    return std::vector<activity_event>{std::move(e)};
}

activity_decision decide_on(const complete_activity& c, const activity_state&,
                            const activity_links_found&) {
    return std::vector<activity_event>{activity_completed{.id = c.id, .outcome = c.outcome}};
}

activity_decision decide_on(const reopen_activity& c, const activity_state& s,
                            const activity_links_found&) {
    if (!s.completed) {
        return refuse(activity_error::not_completed);
    }
    return std::vector<activity_event>{activity_reopened{.id = c.id}};
}

} // namespace

activity_links links_set_by(const activity_command& c) {
    const auto set = [](const auto& patch) { return patch ? *patch : std::nullopt; };
    return std::visit(domain::overloaded{
                          [](const create_activity& create) { return create.links; },
                          [&](const update_activity& update) {
                              return activity_links{.lead = set(update.lead),
                                                    .deal = set(update.deal),
                                                    .contact = set(update.contact)};
                          },
                          [](const auto&) { return activity_links{}; },
                      },
                      c);
}

activity_decision decide(const activity_command& command,
                         const std::optional<activity_state>& state,
                         const activity_links_found& found, const command_context& context) {
    if (!can_write_crm(context.actor_role)) {
        return refuse(activity_error::not_permitted);
    }
    if (const auto* create = std::get_if<create_activity>(&command); create != nullptr && !state) {
        return decide_create(*create, found, context);
    }
    if (!state) {
        return refuse(activity_error::not_found);
    }
    if (!is_permitted(*state, context)) {
        return refuse(activity_error::not_permitted);
    }
    if (state->completed && (std::holds_alternative<update_activity>(command) ||
                             std::holds_alternative<complete_activity>(command))) {
        return refuse(activity_error::already_completed);
    }
    return std::visit([&](const auto& c) { return decide_on(c, *state, found); }, command);
}

std::string_view to_string(activity_error e) noexcept {
    switch (e) {
    case activity_error::not_found:
        return "activity-not-found";
    case activity_error::already_exists:
        return "activity-already-exists";
    case activity_error::not_permitted:
        return "not-permitted";
    case activity_error::link_required:
        return "activity-link-required";
    case activity_error::unknown_lead:
        return "unknown-lead";
    case activity_error::unknown_deal:
        return "unknown-deal";
    case activity_error::unknown_contact:
        return "unknown-contact";
    case activity_error::already_completed:
        return "activity-completed";
    case activity_error::nothing_to_change:
        return "nothing-to-change";
    case activity_error::not_completed:
        return "activity-not-completed";
    }
    return "unknown";
}

} // namespace ventros::domain
