#include "activity_event_types.hpp"
#include "decode_versioned.hpp"
#include "ventros/domain/activity_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;
using detail::read_optional_id;

// Every activity event is still at v1: there is nothing to upcast yet. A v2 maps older
// bodies to the current shape before they are read, like lead_decode.cpp.

std::optional<timestamp> as_time(json_reader& in, std::string_view key,
                                 const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    const auto at = parse_rfc3339(*text);
    if (!at) {
        in.fail(key, "must be an RFC 3339 time");
    }
    return at;
}

/// An id patch: absent, null (cleared) or a non-empty string.
template <class Id>
field_patch<Id> read_id_patch(json_reader& in, std::string_view key) {
    auto patch = in.patch_text(key);
    if (!patch) {
        return std::nullopt;
    }
    if (*patch && (*patch)->empty()) {
        in.fail(key, "must not be empty");
    }
    return patch->transform([](std::string text) { return Id{std::move(text)}; });
}

field_patch<timestamp> read_time_patch(json_reader& in, std::string_view key) {
    const auto patch = in.patch_text(key);
    if (!patch) {
        return std::nullopt;
    }
    return as_time(in, key, *patch);
}

activity_event read_created(json_reader& in) {
    activity_created e{
        .id = activity_id{in.text("activity_id")},
        .kind = in.code("kind", parse_activity_kind),
        .subject = in.text("subject"),
        .description = in.optional_text("description"),
        .due_at = as_time(in, "due_at", in.optional_text("due_at")),
        .assignee = user_id{in.text("assignee_id")},
        .links = {.lead = read_optional_id<lead_id>(in, "lead_id"),
                  .deal = read_optional_id<deal_id>(in, "deal_id"),
                  .contact = read_optional_id<contact_id>(in, "contact_id")},
    };
    if (e.links.empty()) {
        in.fail("lead_id", "is required when deal_id and contact_id are absent");
    }
    return e;
}

activity_event read_updated(json_reader& in) {
    activity_updated e{
        .id = activity_id{in.text("activity_id")},
        .subject = in.optional_text("subject"),
        .description = in.patch_text("description"),
        .due_at = read_time_patch(in, "due_at"),
        .assignee = read_optional_id<user_id>(in, "assignee_id"),
        .lead = read_id_patch<lead_id>(in, "lead_id"),
        .deal = read_id_patch<deal_id>(in, "deal_id"),
        .contact = read_id_patch<contact_id>(in, "contact_id"),
    };
    if (e.subject && e.subject->empty()) {
        in.fail("subject", "must not be empty");
    }
    return e;
}

activity_event read_completed(json_reader& in) {
    return activity_completed{.id = activity_id{in.text("activity_id")},
                              .outcome = in.text("outcome")};
}

activity_event read_reopened(json_reader& in) {
    return activity_reopened{.id = activity_id{in.text("activity_id")}};
}

// In `activity_event` order, like the type table.
constexpr std::array<activity_event (*)(json_reader&), 4> readers{
    read_created,
    read_updated,
    read_completed,
    read_reopened,
};

} // namespace

std::expected<activity_event, std::string> decode_activity_event(std::string_view type,
                                                                 std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_activity_event_type, readers);
}

} // namespace ventros::domain
