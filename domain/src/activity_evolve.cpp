#include "enum_names.hpp"
#include "ventros/domain/activity.hpp"
#include "ventros/domain/overloaded.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<activity_kind, 5> kind_names{{
    {activity_kind::call, "call"},
    {activity_kind::email, "email"},
    {activity_kind::meeting, "meeting"},
    {activity_kind::task, "task"},
    {activity_kind::note, "note"},
}};

template <class Value>
void apply_patch(std::optional<Value>& field, const field_patch<Value>& patch) {
    if (patch) {
        field = *patch;
    }
}

} // namespace

std::string_view to_string(activity_kind k) noexcept {
    return detail::name_of(kind_names, k);
}

std::optional<activity_kind> parse_activity_kind(std::string_view text) noexcept {
    return detail::value_of(kind_names, text);
}

const activity_id& subject_of(const activity_event& e) noexcept {
    return std::visit([](const auto& event) -> const activity_id& { return event.id; }, e);
}

const activity_id& subject_of(const activity_command& c) noexcept {
    return std::visit([](const auto& command) -> const activity_id& { return command.id; }, c);
}

activity_state evolve(const std::optional<activity_state>& state, const activity_event& event,
                      const user_id& actor) {
    activity_state next = state.value_or(activity_state{});
    std::visit(domain::overloaded{
                   [&](const activity_created& e) {
                       next = {.id = e.id,
                               .kind = e.kind,
                               .subject = e.subject,
                               .description = e.description,
                               .due_at = e.due_at,
                               .assignee = e.assignee,
                               .created_by = actor,
                               .links = e.links,
                               .completed = false,
                               .version = 0};
                   },
                   [&](const activity_updated& e) {
                       next.subject = e.subject.value_or(next.subject);
                       apply_patch(next.description, e.description);
                       apply_patch(next.due_at, e.due_at);
                       next.assignee = e.assignee.value_or(next.assignee);
                       apply_patch(next.links.lead, e.lead);
                       apply_patch(next.links.deal, e.deal);
                       apply_patch(next.links.contact, e.contact);
                   },
                   [&](const activity_completed&) { next.completed = true; },
                   [&](const activity_reopened&) { next.completed = false; },
               },
               event);
    ++next.version;
    return next;
}

} // namespace ventros::domain
