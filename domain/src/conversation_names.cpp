#include "enum_names.hpp"
#include "ventros/domain/conversation.hpp"

namespace ventros::domain {
namespace {

constexpr detail::name_table<conversation_status, 4> status_names{{
    {conversation_status::bot, "bot"},
    {conversation_status::open, "open"},
    {conversation_status::pending, "pending"},
    {conversation_status::resolved, "resolved"},
}};

constexpr detail::name_table<message_direction, 2> direction_names{{
    {message_direction::in, "in"},
    {message_direction::out, "out"},
}};

constexpr detail::name_table<sender_type, 3> sender_names{{
    {sender_type::lead, "lead"},
    {sender_type::bot, "bot"},
    {sender_type::agent, "agent"},
}};

constexpr detail::name_table<message_content_type, 5> content_type_names{{
    {message_content_type::text, "text"},
    {message_content_type::image, "image"},
    {message_content_type::audio, "audio"},
    {message_content_type::document, "document"},
    {message_content_type::template_message, "template"},
}};

constexpr detail::name_table<handoff_strategy, 3> strategy_names{{
    {handoff_strategy::round_robin, "round_robin"},
    {handoff_strategy::least_busy, "least_busy"},
    {handoff_strategy::manual, "manual"},
}};

} // namespace

std::string_view to_string(conversation_status s) noexcept {
    return detail::name_of(status_names, s);
}

std::optional<conversation_status> parse_conversation_status(std::string_view text) noexcept {
    return detail::value_of(status_names, text);
}

std::string_view to_string(message_direction d) noexcept {
    return detail::name_of(direction_names, d);
}

std::optional<message_direction> parse_message_direction(std::string_view text) noexcept {
    return detail::value_of(direction_names, text);
}

std::string_view to_string(sender_type s) noexcept {
    return detail::name_of(sender_names, s);
}

std::optional<sender_type> parse_sender_type(std::string_view text) noexcept {
    return detail::value_of(sender_names, text);
}

std::string_view to_string(message_content_type t) noexcept {
    return detail::name_of(content_type_names, t);
}

std::optional<message_content_type> parse_message_content_type(std::string_view text) noexcept {
    return detail::value_of(content_type_names, text);
}

std::string_view to_string(handoff_strategy s) noexcept {
    return detail::name_of(strategy_names, s);
}

std::optional<handoff_strategy> parse_handoff_strategy(std::string_view text) noexcept {
    return detail::value_of(strategy_names, text);
}

} // namespace ventros::domain
