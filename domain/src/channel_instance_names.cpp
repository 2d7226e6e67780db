#include "enum_names.hpp"
#include "ventros/domain/channel_instance.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<channel_kind, 3> kind_names{{
    {channel_kind::whatsapp, "whatsapp"},
    {channel_kind::web_widget, "web_widget"},
    {channel_kind::email, "email"},
}};

constexpr detail::name_table<channel_status, 3> status_names{{
    {channel_status::disconnected, "disconnected"},
    {channel_status::connecting, "connecting"},
    {channel_status::connected, "connected"},
}};

} // namespace

std::string_view to_string(channel_kind k) noexcept {
    return detail::name_of(kind_names, k);
}

std::optional<channel_kind> parse_channel_kind(std::string_view text) noexcept {
    return detail::value_of(kind_names, text);
}

std::string_view to_string(channel_status s) noexcept {
    return detail::name_of(status_names, s);
}

std::optional<channel_status> parse_channel_status(std::string_view text) noexcept {
    return detail::value_of(status_names, text);
}

bool is_allowed_move(channel_status from, channel_status to) noexcept {
    using enum channel_status;
    switch (from) {
    case disconnected:
        return to == connecting;
    case connecting:
        return to == connected || to == disconnected;
    case connected:
        return to == disconnected;
    }
    return false;
}

} // namespace ventros::domain
