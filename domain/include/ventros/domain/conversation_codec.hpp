#pragma once

#include "ventros/domain/conversation.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace ventros::domain {

/// Event type names and JSON bodies of conversation events as they travel on Kafka
/// (CloudEvents binary mode: the body is the event's `data`). Same conventions as
/// lead_codec.hpp.

/// Full CloudEvents type, e.g. `ventros.crm.conversation.handed_off.v1`.
std::string_view event_type(const conversation_event& e) noexcept;

/// Schema path under `schemas/events/`, e.g. `crm/conversation.handed_off.v1.json`.
std::string_view event_schema(const conversation_event& e) noexcept;

/// True when `type` names a conversation event this build can decode (any known version).
bool is_conversation_event_type(std::string_view type) noexcept;

/// Encodes the event's data as compact JSON; the conversation id is included as `conversation_id`.
std::string encode_json(const conversation_event& e);

/// Decodes an event body of the given type; upcasts older versions. Returns a reason when
/// the type is unknown or the body does not fit. Never throws.
std::expected<conversation_event, std::string> decode_conversation_event(std::string_view type,
                                                                         std::string_view json);

} // namespace ventros::domain
