#include "ventros/domain/user_codec.hpp"

#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "versioned_event_type.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using detail::json_reader;

constexpr int current_version = 1;

// In `user_event` order.
constexpr std::array<detail::event_names, 1> names{{
    {"registered", "ventros.identity.user.registered.v1", "identity/user.registered.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<user_event>);

std::optional<detail::versioned_event_type> parse_type(std::string_view type) noexcept {
    return detail::parse_versioned_event_type(type, "ventros.identity.user.", names,
                                              current_version);
}

user_event read_registered(json_reader& in) {
    return user_registered{
        .id = user_id{in.text("user_id")},
        .name = in.text("name"),
        .email = in.text("email"),
        .password_hash = in.text("password_hash"),
    };
}

constexpr std::array<user_event (*)(json_reader&), 1> readers{read_registered};

} // namespace

std::string_view event_type(const user_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const user_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_user_event_type(std::string_view type) noexcept {
    return parse_type(type).has_value();
}

std::string encode_json(const user_event& e) {
    const auto& r = std::get<user_registered>(e);
    return nlohmann::json{{"user_id", r.id.str()},
                          {"name", r.name},
                          {"email", r.email},
                          {"password_hash", r.password_hash}}
        .dump();
}

std::expected<user_event, std::string> decode_user_event(std::string_view type,
                                                         std::string_view json_text) {
    return detail::decode_versioned(type, json_text, parse_type, readers);
}

} // namespace ventros::domain
