#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/time.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// `bot` until a handoff gives the conversation to a person; `open` while a person
/// handles it; `pending` while it waits on the other party; `resolved` when done.
enum class conversation_status { bot, open, pending, resolved };
std::string_view to_string(conversation_status s) noexcept; ///< "bot", "open", ...
std::optional<conversation_status> parse_conversation_status(std::string_view text) noexcept;

/// `in` from the other party, `out` to it.
enum class message_direction { in, out };
std::string_view to_string(message_direction d) noexcept; ///< "in", "out"
std::optional<message_direction> parse_message_direction(std::string_view text) noexcept;

/// Who wrote a message: the lead (the other party, always `in`), the bot or an agent
/// (always `out`).
enum class sender_type { lead, bot, agent };
std::string_view to_string(sender_type s) noexcept; ///< "lead", "bot", "agent"
std::optional<sender_type> parse_sender_type(std::string_view text) noexcept;

enum class message_content_type { text, image, audio, document, template_message };
std::string_view to_string(message_content_type t) noexcept; ///< "text", ..., "template"
std::optional<message_content_type> parse_message_content_type(std::string_view text) noexcept;

/// How a handoff picks the agent: the next in turn, the one with fewest open
/// conversations, or the one the command names.
enum class handoff_strategy { round_robin, least_busy, manual };
std::string_view to_string(handoff_strategy s) noexcept; ///< "round_robin", ...
std::optional<handoff_strategy> parse_handoff_strategy(std::string_view text) noexcept;

// ---- agent picking ------------------------------------------------------------------

/// One active agent of the tenant and how many conversations are assigned to them and not
/// resolved (`open` or `pending`).
struct agent_load {
    user_id agent;
    std::uint32_t open_conversations = 0;
    bool operator==(const agent_load&) const = default;
};

/// Picks the agent for a handoff among `agents` (the tenant's ACTIVE agents in a stable
/// order, e.g. by when they joined). round_robin: `agents[cursor % n]`; least_busy: the
/// fewest open conversations, ties to the earlier in the list; manual: nullopt (a manual
/// handoff names its agent). Nullopt when `agents` is empty. Pure.
std::optional<user_id> pick_agent(handoff_strategy strategy, std::span<const agent_load> agents,
                                  std::size_t round_robin_cursor);

// ---- events -------------------------------------------------------------------------

/// Events carry the times the state and the metrics need (`opened_at`, `at`); the others
/// happen at their CloudEvents time (`ce_time`).
struct conversation_started {
    conversation_id id;
    channel_instance_id channel_instance;
    std::optional<lead_id> lead;
    std::string party_name;    ///< the other party's name. Personal data
    std::string party_address; ///< their phone, email or widget visitor id. Personal data
    conversation_status status = conversation_status::bot; ///< `bot` or `open`
    std::uint32_t sla_minutes = 15;                        ///< time an agent has to answer
    timestamp opened_at{};
    std::optional<timestamp> sla_due_at; ///< started `open`: opened_at + sla_minutes
    bool operator==(const conversation_started&) const = default;
};

/// A message from the other party (`in`, sender `lead`).
struct conversation_message_received {
    conversation_id id;
    message_id message;
    std::string content; ///< Personal data
    message_content_type content_type = message_content_type::text;
    timestamp at{};
    bool operator==(const conversation_message_received&) const = default;
};

/// A message to the other party (`out`) written by the bot or an agent.
struct conversation_message_sent {
    conversation_id id;
    message_id message;
    sender_type sender = sender_type::bot; ///< `bot` or `agent`
    std::optional<user_id> agent;          ///< the user who wrote it (sender `agent`)
    std::string content;                   ///< Personal data
    message_content_type content_type = message_content_type::text;
    timestamp at{};
    /// The conversation's first agent answer since it became human-handled: seconds from
    /// then to `at`. Present on exactly one message of a conversation, at most.
    std::optional<std::uint32_t> first_response_seconds;
    bool operator==(const conversation_message_sent&) const = default;
};

/// The conversation went to a person: status `open`, assigned to `agent`.
struct conversation_handed_off {
    conversation_id id;
    user_id agent;
    handoff_strategy strategy = handoff_strategy::round_robin;
    timestamp at{};
    timestamp sla_due_at{}; ///< at + the conversation's sla_minutes
    bool operator==(const conversation_handed_off&) const = default;
};

struct conversation_marked_pending {
    conversation_id id;
    bool operator==(const conversation_marked_pending&) const = default;
};

struct conversation_resolved {
    conversation_id id;
    std::optional<std::string> note; ///< how it was resolved
    bool operator==(const conversation_resolved&) const = default;
};

/// Back to `open`, with the agent it had. `at` matters for a conversation the bot resolved
/// before any handoff: it becomes human-handled then.
struct conversation_reopened {
    conversation_id id;
    timestamp at{};
    bool operator==(const conversation_reopened&) const = default;
};

using conversation_event =
    std::variant<conversation_started, conversation_message_received, conversation_message_sent,
                 conversation_handed_off, conversation_marked_pending, conversation_resolved,
                 conversation_reopened>;

const conversation_id& subject_of(const conversation_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

struct last_message {
    message_id id;
    sender_type sender = sender_type::lead;
    timestamp at{};
    bool operator==(const last_message&) const = default;
};

/// What the write side keeps per conversation.
struct conversation_state {
    conversation_id id;
    channel_instance_id channel_instance;
    std::optional<lead_id> lead;
    std::string party_name;
    std::string party_address;
    conversation_status status = conversation_status::bot;
    std::optional<user_id> assigned_agent;
    std::uint32_t sla_minutes = 15;
    std::optional<timestamp> sla_due_at;
    timestamp opened_at{};
    std::optional<timestamp> handed_off_at; ///< the latest handoff
    /// Since when a person handles it: opened_at if it started `open`, else its first
    /// handoff (or reopening); first response time is measured from here.
    std::optional<timestamp> human_since;
    std::optional<timestamp> first_response_at;
    std::uint32_t message_count = 0;
    std::optional<last_message> last;
    std::uint32_t version = 0;
    bool operator==(const conversation_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `conversation_started`.
conversation_state evolve(const std::optional<conversation_state>& state,
                          const conversation_event& event);

// ---- commands -----------------------------------------------------------------------

struct start_conversation {
    conversation_id id; ///< server-assigned UUIDv7
    channel_instance_id channel_instance;
    std::optional<lead_id> lead;
    std::string party_name;
    std::string party_address;
    bool start_with_bot = true;     ///< false: it starts `open`, waiting for a handoff
    std::uint32_t sla_minutes = 15; ///< positive (the decoder checks)
};

/// A message in or out; its time is the command's `now`. Direction `in` goes with sender
/// `lead`, `out` with `bot` or `agent` (decide refuses other pairs).
struct record_message {
    conversation_id id;
    message_id message; ///< the provider's or a server-assigned id
    message_direction direction = message_direction::in;
    sender_type sender = sender_type::lead;
    std::string content;
    message_content_type content_type = message_content_type::text;
};

struct hand_off_conversation {
    conversation_id id;
    handoff_strategy strategy = handoff_strategy::round_robin;
    std::optional<user_id> agent; ///< manual: the agent to give it to
};

struct mark_conversation_pending {
    conversation_id id;
};

struct resolve_conversation {
    conversation_id id;
    std::optional<std::string> note;
};

struct reopen_conversation {
    conversation_id id;
};

using conversation_command =
    std::variant<start_conversation, record_message, hand_off_conversation,
                 mark_conversation_pending, resolve_conversation, reopen_conversation>;

const conversation_id& subject_of(const conversation_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class conversation_error {
    not_found,                ///< a command for a conversation that does not exist → 404
    already_exists,           ///< start with an id already used → 409
    not_permitted,            ///< see `decide` → 403
    conversation_resolved,    ///< a message or handoff on a resolved conversation → 409
    not_handed_off,           ///< an agent message while the bot has it → 409
    no_agent_available,       ///< no active agent to pick, or the named one is not → 409
    invalid_transition,       ///< a status change its status does not allow → 409
    nothing_to_change,        ///< marking pending twice, resolving twice → 409
    unknown_channel_instance, ///< start on an instance that does not exist (or removed) → 422
    unknown_lead,             ///< start naming a lead that does not exist → 422
    channel_not_connected, ///< start, or a message out, while its instance is not connected → 409
    sender_mismatch,       ///< direction and sender do not go together → 422
};

/// Stable slug, e.g. "conversation-resolved", "no-agent-available".
std::string_view to_string(conversation_error e) noexcept;

/// What a conversation decision needs from the rest of the tenant; the writer looks it up.
struct conversation_facts {
    /// The channel instance of the command (start) or of the conversation (others):
    /// registered and not removed; and connected.
    bool channel_exists = false;
    bool channel_connected = false;
    bool lead_exists = false; ///< start: the lead it names exists
    /// Handoff: the tenant's active agents (members who take conversations) in a stable
    /// order, each with the load `load_change_of` keeps; empty: nobody to hand off to.
    std::vector<agent_load> agents;
    /// Handoff: the tenant's round-robin cursor; see `advances_round_robin`.
    std::size_t round_robin_cursor = 0;
};

using conversation_decision = std::expected<std::vector<conversation_event>, conversation_error>;

/// Decides a command against the conversation's state (nullopt: it does not exist). Roles:
/// a viewer may do nothing; the connector and the bot act under any other role. An agent
/// may write, mark pending, resolve and reopen a conversation that is unassigned or
/// assigned to them, and may hand off manually only to themselves; admins and managers
/// may do all of it on any conversation. Incoming messages are recorded whatever the
/// channel's status (they happened); outgoing ones need it connected. Pure.
conversation_decision decide(const conversation_command& command,
                             const std::optional<conversation_state>& state,
                             const conversation_facts& facts, const command_context& context);

// ---- what the writer maintains per tenant -------------------------------------------

/// True for a round-robin handoff. The writer's cursor is the number of such events
/// committed in the tenant: add one per event after commit; replay rebuilds it by counting.
bool advances_round_robin(const conversation_event& event) noexcept;

/// How an event changes one agent's open-conversation count.
struct agent_load_change {
    user_id agent;
    int delta = 0; ///< +1 or -1
    bool operator==(const agent_load_change&) const = default;
};

/// The load change an event makes, given the conversation's state before it: +1 for the
/// agent of a handoff, -1 for the agent of a conversation resolved, +1 for the agent of a
/// conversation reopened; nullopt otherwise. The writer applies it after commit and on
/// replay to keep `agent_load::open_conversations`.
std::optional<agent_load_change> load_change_of(const std::optional<conversation_state>& before,
                                                const conversation_event& event);

} // namespace ventros::domain
