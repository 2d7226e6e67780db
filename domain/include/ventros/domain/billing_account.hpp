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

/// A billing account pays for a user's projects (DOMAIN.md "Plans, subscriptions, usage";
/// issue 5). It sits above tenants: its writer owns the key `billing-account:<id>`, and
/// the `tenant` of the command context is empty for its commands.

/// Whether the projects an account pays for may be written to.
enum class billing_account_status { active, suspended };
std::string_view to_string(billing_account_status s) noexcept; ///< "active", "suspended"

/// Why an account was suspended.
enum class suspension_reason { payment_failed, fraud, requested };
std::string_view
to_string(suspension_reason r) noexcept; ///< "payment-failed", "fraud", "requested"
std::optional<suspension_reason> parse_suspension_reason(std::string_view text) noexcept;

// ---- events -------------------------------------------------------------------------

struct billing_account_created {
    billing_account_id id;
    user_id owner;
    std::string name;
    std::string billing_email; ///< normalized: trimmed, lower case
    bool operator==(const billing_account_created&) const = default;
};

/// Fields changed by an update (absent = unchanged; neither may be cleared).
struct billing_account_updated {
    billing_account_id id;
    std::optional<std::string> name;
    std::optional<std::string> billing_email;
    bool operator==(const billing_account_updated&) const = default;
};

struct billing_account_suspended {
    billing_account_id id;
    suspension_reason reason = suspension_reason::payment_failed;
    bool operator==(const billing_account_suspended&) const = default;
};

struct billing_account_reinstated {
    billing_account_id id;
    bool operator==(const billing_account_reinstated&) const = default;
};

using billing_account_event = std::variant<billing_account_created, billing_account_updated,
                                           billing_account_suspended, billing_account_reinstated>;

const billing_account_id& subject_of(const billing_account_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per billing account. Projects paid by a suspended account
/// accept reads but not writes (402 `account-suspended`).
struct billing_account_state {
    billing_account_id id;
    user_id owner;
    std::string name;
    std::string billing_email;
    billing_account_status status = billing_account_status::active;
    std::optional<suspension_reason> suspension; ///< set exactly while suspended
    std::uint32_t version = 0;
    bool operator==(const billing_account_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `billing_account_created`.
billing_account_state evolve(const std::optional<billing_account_state>& state,
                             const billing_account_event& event);

/// Folds events from nothing; used by tests and replay.
std::optional<billing_account_state> fold(const std::vector<billing_account_event>& events);

// ---- commands -----------------------------------------------------------------------

/// The caller's user (context.actor) becomes the owner.
struct create_billing_account {
    billing_account_id id; ///< UUIDv7 assigned by the gateway
    std::string name;
    std::string billing_email; ///< normalized by the decoder
};

/// Owner only. Suspended accounts may still be updated (e.g. to fix the billing email).
struct update_billing_account {
    billing_account_id id;
    std::optional<std::string> name;
    std::optional<std::string> billing_email; ///< normalized by the decoder
};

/// System only (payment pipeline or an operator tool).
struct suspend_billing_account {
    billing_account_id id;
    suspension_reason reason = suspension_reason::payment_failed;
};

/// System only.
struct reinstate_billing_account {
    billing_account_id id;
};

using billing_account_command = std::variant<create_billing_account, update_billing_account,
                                             suspend_billing_account, reinstate_billing_account>;

const billing_account_id& subject_of(const billing_account_command& c) noexcept;

/// Who issues a command. Users (signed in with a JWT) create and update accounts; Ventros
/// itself (the payment-event endpoint, the billing tick, an operator tool) suspends and
/// reinstates them. The gateway says which, from how the request was authenticated.
enum class billing_caller { user, system };

// ---- decisions ----------------------------------------------------------------------

enum class billing_account_error {
    not_found,         ///< a command for an account that does not exist → 404
    already_exists,    ///< create with an id already used → 409
    not_owner,         ///< a user who does not own the account → 403
    not_permitted,     ///< a command the caller kind may not issue → 403
    already_suspended, ///< → 409
    not_suspended,     ///< reinstate of an active account → 409
    nothing_to_change, ///< an update that changes nothing → 409
};

/// Stable slug, e.g. "billing-account-not-owned".
std::string_view to_string(billing_account_error e) noexcept;

using billing_account_decision =
    std::expected<std::vector<billing_account_event>, billing_account_error>;

/// Decides a command against the account's state (nullopt: it does not exist). Checks in
/// this order, the first that fails is the answer: the caller kind (create/update are
/// user commands, suspend/reinstate system commands) → not_permitted; create on an
/// existing id → already_exists; anything else on a missing account → not_found; update
/// by someone other than the owner → not_owner; then the command's own rule. Only fields
/// that differ go into billing_account_updated. Pure.
billing_account_decision decide(const billing_account_command& command,
                                const std::optional<billing_account_state>& state,
                                const command_context& context, billing_caller caller);

} // namespace ventros::domain
