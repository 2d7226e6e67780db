#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// What a channel instance connects the project to.
enum class channel_kind { whatsapp, web_widget, email };
std::string_view to_string(channel_kind k) noexcept; ///< "whatsapp", "web_widget", "email"
std::optional<channel_kind> parse_channel_kind(std::string_view text) noexcept;

/// Connection state reported by the connector (DOMAIN.md "Conversations and channels").
enum class channel_status { disconnected, connecting, connected };
std::string_view to_string(channel_status s) noexcept; ///< "disconnected", ...
std::optional<channel_status> parse_channel_status(std::string_view text) noexcept;

/// The moves the connector may report: disconnected→connecting, connecting→connected,
/// connecting→disconnected, connected→disconnected. False for any other pair, and for a
/// status to itself.
bool is_allowed_move(channel_status from, channel_status to) noexcept;

// ---- events -------------------------------------------------------------------------

/// A new instance; it starts `disconnected`.
struct channel_instance_registered {
    channel_instance_id id;
    channel_kind kind = channel_kind::whatsapp;
    std::string name;
    std::string address; ///< E.164 phone (whatsapp), site or inbox address, as decoded
    bool operator==(const channel_instance_registered&) const = default;
};

struct channel_instance_status_changed {
    channel_instance_id id;
    channel_status from = channel_status::disconnected;
    channel_status to = channel_status::disconnected;
    bool operator==(const channel_instance_status_changed&) const = default;
};

/// The instance is retired: no new conversations, no outgoing messages, and it no longer
/// counts against the plan's channel-instance limit.
struct channel_instance_removed {
    channel_instance_id id;
    bool operator==(const channel_instance_removed&) const = default;
};

using channel_instance_event =
    std::variant<channel_instance_registered, channel_instance_status_changed,
                 channel_instance_removed>;

const channel_instance_id& subject_of(const channel_instance_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per instance: its identity, status (conversations ask
/// whether it is connected) and whether it was removed.
struct channel_instance_state {
    channel_instance_id id;
    channel_kind kind = channel_kind::whatsapp;
    std::string name;
    std::string address;
    channel_status status = channel_status::disconnected;
    bool removed = false;
    std::uint32_t version = 0;
    bool operator==(const channel_instance_state&) const = default;

    /// Usable by conversations: registered, not removed and connected.
    bool is_connected() const noexcept { return !removed && status == channel_status::connected; }
};

/// Applies one event. `state` is nullopt only before `channel_instance_registered`.
channel_instance_state evolve(const std::optional<channel_instance_state>& state,
                              const channel_instance_event& event);

// ---- commands -----------------------------------------------------------------------

struct register_channel_instance {
    channel_instance_id id; ///< server-assigned UUIDv7
    channel_kind kind = channel_kind::whatsapp;
    std::string name;    ///< non-empty (the decoder checks)
    std::string address; ///< E.164 for whatsapp (the decoder validates and normalizes)
};

/// Sent by the connector when the provider reports a new connection state.
struct change_channel_status {
    channel_instance_id id;
    channel_status status = channel_status::disconnected;
};

struct remove_channel_instance {
    channel_instance_id id;
};

using channel_instance_command =
    std::variant<register_channel_instance, change_channel_status, remove_channel_instance>;

const channel_instance_id& subject_of(const channel_instance_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class channel_instance_error {
    not_found,          ///< a command for an instance that does not exist → 404
    already_exists,     ///< register with an id already used → 409
    not_permitted,      ///< a viewer; an agent registering or removing → 403
    removed,            ///< a command on a removed instance → 409
    invalid_transition, ///< a status move `is_allowed_move` refuses → 409
    nothing_to_change,  ///< a status the instance already has → 409
};

/// Stable slug, e.g. "channel-instance-not-found", "invalid-transition".
std::string_view to_string(channel_instance_error e) noexcept;

using channel_instance_decision =
    std::expected<std::vector<channel_instance_event>, channel_instance_error>;

/// Decides a command against the instance's state (nullopt: it does not exist). Roles:
/// admins and managers register and remove instances (they are plan-limited resources);
/// the connector reports status changes under any role but viewer. The plan's
/// channel-instance limit (402) is the writer's check, made before this. Pure.
channel_instance_decision decide(const channel_instance_command& command,
                                 const std::optional<channel_instance_state>& state,
                                 const command_context& context);

} // namespace ventros::domain
