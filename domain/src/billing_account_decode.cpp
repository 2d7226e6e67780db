#include "billing_account_event_types.hpp"
#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "ventros/domain/billing_account_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every billing account event is still at v1: there is nothing to upcast yet.

billing_account_id read_id(json_reader& in) {
    return billing_account_id{in.text("billing_account_id")};
}

/// An optional member that, when present, must not be empty.
std::optional<std::string> optional_non_empty(json_reader& in, std::string_view key) {
    auto text = in.optional_text(key);
    if (text && text->empty()) {
        in.fail(key, "must not be empty");
    }
    return text;
}

billing_account_event read_created(json_reader& in) {
    return billing_account_created{
        .id = read_id(in),
        .owner = user_id{in.text("owner_id")},
        .name = in.text("name"),
        .billing_email = in.text("billing_email"),
    };
}

billing_account_event read_updated(json_reader& in) {
    return billing_account_updated{
        .id = read_id(in),
        .name = optional_non_empty(in, "name"),
        .billing_email = optional_non_empty(in, "billing_email"),
    };
}

billing_account_event read_suspended(json_reader& in) {
    return billing_account_suspended{
        .id = read_id(in),
        .reason = in.code("reason", parse_suspension_reason),
    };
}

billing_account_event read_reinstated(json_reader& in) {
    return billing_account_reinstated{.id = read_id(in)};
}

// In `billing_account_event` order, like the type table.
constexpr std::array<billing_account_event (*)(json_reader&), 4> readers{
    read_created, read_updated, read_suspended, read_reinstated};

} // namespace

std::expected<billing_account_event, std::string>
decode_billing_account_event(std::string_view type, std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_billing_account_event_type,
                                    readers);
}

} // namespace ventros::domain
