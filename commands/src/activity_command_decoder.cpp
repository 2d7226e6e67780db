#include "ventros/commands/activity_command_decoder.hpp"

#include "deal_body_fields.hpp"
#include "json_object_reader.hpp"
#include "normalized_fields.hpp"
#include "ventros/domain/time.hpp"

namespace ventros::commands {
namespace {

/// Longer than any kind name.
constexpr std::size_t max_kind_text = 16;
/// Longer than any RFC 3339 time with nanoseconds and an offset.
constexpr std::size_t max_time_text = 40;

std::optional<domain::timestamp> time_field(json_object_reader& reader, std::string_view key) {
    const auto text = reader.string_field(key, 1, max_time_text);
    if (!text) {
        return std::nullopt;
    }
    const auto at = domain::parse_rfc3339(*text);
    if (!at) {
        reader.add_error(key, "must be an RFC 3339 date-time, e.g. 2026-11-21T10:15:00Z");
    }
    return at;
}

std::optional<domain::activity_kind> kind_field(json_object_reader& reader) {
    const auto text = reader.string_field("kind", 1, max_kind_text);
    if (!text) {
        return std::nullopt;
    }
    const auto kind = domain::parse_activity_kind(*text);
    if (!kind) {
        reader.add_error("kind", "must be call, email, meeting, task or note");
    }
    return kind;
}

std::optional<domain::user_id> assignee_field(json_object_reader& reader) {
    return reader.string_field("assignee_id", 1, max_user_id).transform([](std::string text) {
        return domain::user_id(std::move(text));
    });
}

} // namespace

decoded<domain::create_activity> decode_create_activity(std::string_view body,
                                                        domain::activity_id new_id) {
    return decode_object(
        body, domain::create_activity{.id = std::move(new_id)},
        [](json_object_reader& reader, domain::create_activity& command) {
            reader.required("kind");
            command.kind = kind_field(reader).value_or(domain::activity_kind::task);
            command.subject = reader.required_string_field("subject", 1, max_activity_subject);
            command.description = reader.string_field("description", 1, max_activity_text);
            command.due_at = time_field(reader, "due_at");
            command.assignee = assignee_field(reader);
            command.links = {.lead = id_field<domain::lead_id>(reader, "lead_id"),
                             .deal = id_field<domain::deal_id>(reader, "deal_id"),
                             .contact = id_field<domain::contact_id>(reader, "contact_id")};
        });
}

decoded<domain::update_activity> decode_update_activity(std::string_view body,
                                                        domain::activity_id id) {
    return decode_patch(
        body, domain::update_activity{.id = std::move(id)},
        [](json_object_reader& reader, domain::update_activity& command) {
            command.subject = reader.string_field("subject", 1, max_activity_subject);
            command.description = reader.nullable_string_field("description", max_activity_text);
            command.due_at = reader.nullable_field(
                "due_at", [&](std::string_view key) { return time_field(reader, key); });
            command.assignee = assignee_field(reader);
            command.lead = id_patch<domain::lead_id>(reader, "lead_id");
            command.deal = id_patch<domain::deal_id>(reader, "deal_id");
            command.contact = id_patch<domain::contact_id>(reader, "contact_id");
        });
}

decoded<domain::complete_activity> decode_complete_activity(std::string_view body,
                                                            domain::activity_id id) {
    return decode_object(body, domain::complete_activity{.id = std::move(id)},
                         [](json_object_reader& reader, domain::complete_activity& command) {
                             command.outcome =
                                 reader.required_string_field("outcome", 1, max_activity_text);
                         });
}

decoded<domain::reopen_activity> decode_reopen_activity(std::string_view body,
                                                        domain::activity_id id) {
    // Reads no field, so any field is unknown.
    return decode_object(
        body, domain::reopen_activity{std::move(id)}, [](json_object_reader&, const auto&) {},
        true);
}

} // namespace ventros::commands
