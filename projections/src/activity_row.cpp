#include "activity_row.hpp"

#include "row_columns.hpp"
#include "ventros/domain/activity_codec.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/overloaded.hpp"

#include <pqxx/pqxx>

namespace ventros::projections::detail {
namespace {

using nlohmann::json;

std::optional<std::string> time_text(const std::optional<domain::timestamp>& at) {
    return at ? std::optional(domain::format_rfc3339(*at)) : std::nullopt;
}

template <class Value, class Convert>
void apply_patch(std::optional<std::string>& column, const domain::field_patch<Value>& patch,
                 Convert convert) {
    if (patch) {
        column = convert(*patch);
    }
}

// Ids that would make the set-based write fail for the whole batch are rejected here.
std::optional<std::string> invalid_values(const decoded_event& e,
                                          const domain::activity_event& event) {
    const auto& activity = domain::subject_of(event).str();
    if (!domain::is_uuid(activity)) {
        return "activity id is not a UUID: " + activity;
    }
    if (!domain::is_uuid(e.attributes.id)) {
        return "ce_id is not a UUID: " + e.attributes.id;
    }
    if (e.attributes.tenant_id.empty()) {
        return "event has no tenant";
    }
    std::vector<std::string> links;
    const auto add = [&links](const auto& id) {
        if (id) {
            links.push_back(id->str());
        }
    };
    if (const auto* created = std::get_if<domain::activity_created>(&event)) {
        add(created->links.lead);
        add(created->links.deal);
        add(created->links.contact);
    } else if (const auto* updated = std::get_if<domain::activity_updated>(&event)) {
        add(updated->lead.value_or(std::nullopt));
        add(updated->deal.value_or(std::nullopt));
        add(updated->contact.value_or(std::nullopt));
    }
    for (const auto& id : links) {
        if (!domain::is_uuid(id)) {
            return "linked id is not a UUID: " + id;
        }
    }
    return std::nullopt;
}

activity_row new_row(const decoded_event& e, const domain::activity_created& created) {
    activity_row row;
    row.tenant_id = e.attributes.tenant_id;
    row.activity_id = lower(created.id.str());
    row.kind = std::string(domain::to_string(created.kind));
    row.subject = created.subject;
    row.description = created.description;
    row.due_at = time_text(created.due_at);
    row.assignee_id = created.assignee.str();
    row.lead_id = lower_id(created.links.lead);
    row.deal_id = lower_id(created.links.deal);
    row.contact_id = lower_id(created.links.contact);
    row.created_by = e.attributes.actor;
    return row;
}

// Applies the event's changes to an existing row (version and updated_at are set by the caller).
void evolve_row(activity_row& row, const domain::activity_event& event, const std::string& at) {
    const auto same = [](const auto& value) { return value; };
    const auto id = [](const auto& value) { return lower_id(value); };
    std::visit(domain::overloaded{
                   [](const domain::activity_created&) {},
                   [&](const domain::activity_updated& e) {
                       row.subject = e.subject.value_or(row.subject);
                       apply_patch(row.description, e.description, same);
                       apply_patch(row.due_at, e.due_at, time_text);
                       if (e.assignee) {
                           row.assignee_id = e.assignee->str();
                       }
                       apply_patch(row.lead_id, e.lead, id);
                       apply_patch(row.deal_id, e.deal, id);
                       apply_patch(row.contact_id, e.contact, id);
                   },
                   [&](const domain::activity_completed& e) {
                       row.outcome = e.outcome;
                       row.completed_at = at;
                   },
                   [&](const domain::activity_reopened&) {
                       row.outcome.reset();
                       row.completed_at.reset();
                   },
               },
               event);
}

} // namespace

const std::vector<std::string>& activity_columns() {
    static const std::vector<std::string> columns{
        "tenant_id",   "activity_id", "kind",       "subject",    "description", "due_at",
        "assignee_id", "lead_id",     "deal_id",    "contact_id", "outcome",     "completed_at",
        "created_by",  "created_at",  "updated_at", "version"};
    return columns;
}

activity_row activity_row_of(const pqxx::row& r) {
    activity_row row;
    row.tenant_id = r["tenant_id"].c_str();
    row.activity_id = r["activity_id"].c_str();
    row.kind = r["kind"].c_str();
    row.subject = r["subject"].c_str();
    row.description = optional_text(r["description"]);
    row.due_at = optional_text(r["due_at"]);
    row.assignee_id = r["assignee_id"].c_str();
    row.lead_id = optional_text(r["lead_id"]);
    row.deal_id = optional_text(r["deal_id"]);
    row.contact_id = optional_text(r["contact_id"]);
    row.outcome = optional_text(r["outcome"]);
    row.completed_at = optional_text(r["completed_at"]);
    row.created_by = r["created_by"].c_str();
    row.created_at = r["created_at"].c_str();
    row.updated_at = r["updated_at"].c_str();
    row.version = r["version"].as<std::int64_t>();
    return row;
}

json to_json(const activity_row& row) {
    return {{"tenant_id", row.tenant_id},
            {"activity_id", row.activity_id},
            {"kind", row.kind},
            {"subject", row.subject},
            {"description", nullable(row.description)},
            {"due_at", nullable(row.due_at)},
            {"assignee_id", row.assignee_id},
            {"lead_id", nullable(row.lead_id)},
            {"deal_id", nullable(row.deal_id)},
            {"contact_id", nullable(row.contact_id)},
            {"outcome", nullable(row.outcome)},
            {"completed_at", nullable(row.completed_at)},
            {"created_by", row.created_by},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at},
            {"version", row.version}};
}

std::expected<version_step, std::string> fold_activity_row(std::optional<activity_row>& row,
                                                           const decoded_event& e,
                                                           const domain::activity_event& event) {
    static constexpr creation_refusals refusals{
        .not_created = "first event of an activity is not activity.created",
        .created_again = "activity.created for an activity that already exists"};
    return fold_created_row<domain::activity_created>(row, e, event, refusals, invalid_values,
                                                      new_row, evolve_row);
}

json activity_journal_row(const decoded_event& e, const domain::activity_event& event,
                          const activity_row& row) {
    return journal_row(e,
                       {row.tenant_id, "activity_id", row.activity_id, row.version, row.updated_at},
                       domain::event_type(event), domain::encode_json(event));
}

} // namespace ventros::projections::detail
