#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"
#include "ventros/domain/pipeline.hpp"
#include "ventros/domain/time.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// True for an active ISO 4217 alphabetic currency code ("BRL", "USD", …).
bool is_iso4217(std::string_view code) noexcept;

enum class deal_status { open, won, lost };
std::string_view to_string(deal_status s) noexcept;

/// Money as integer minor units (cents) with its ISO 4217 currency.
struct money {
    std::int64_t cents = 0;
    std::string currency = "BRL";
    bool operator==(const money&) const = default;
};

// ---- events -------------------------------------------------------------------------

struct deal_created {
    deal_id id;
    std::string title;
    money value;
    pipeline_id pipeline;
    std::string stage;
    int probability = 0;
    bool probability_overridden = false;
    std::optional<std::string> expected_close; ///< ISO date, YYYY-MM-DD
    user_id owner;
    std::optional<lead_id> lead;
    std::optional<company_id> company;
    bool operator==(const deal_created&) const = default;
};

/// Fields changed by an update (absent = unchanged).
struct deal_updated {
    deal_id id;
    std::optional<std::string> title;
    std::optional<money> value;
    field_patch<std::string> expected_close;
    std::optional<user_id> owner;
    field_patch<company_id> company;
    bool operator==(const deal_updated&) const = default;
};

struct deal_stage_moved {
    deal_id id;
    std::string from;
    std::string to;
    int probability = 0;                 ///< the probability after the move
    bool probability_overridden = false; ///< true when the command set it
    bool operator==(const deal_stage_moved&) const = default;
};

struct deal_won {
    deal_id id;
    money value; ///< revenue won
    bool operator==(const deal_won&) const = default;
};

struct deal_lost {
    deal_id id;
    std::string reason;
    bool operator==(const deal_lost&) const = default;
};

struct deal_reopened {
    deal_id id;
    deal_status from = deal_status::won;
    bool operator==(const deal_reopened&) const = default;
};

using deal_event =
    std::variant<deal_created, deal_updated, deal_stage_moved, deal_won, deal_lost, deal_reopened>;

const deal_id& subject_of(const deal_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

/// What the write side keeps per deal: what decisions need, including the editable fields
/// (an update that changes nothing is refused).
struct deal_state {
    deal_id id;
    std::string title;
    money value;
    std::optional<std::string> expected_close;
    std::optional<company_id> company;
    pipeline_id pipeline;
    std::string stage;
    int probability = 0;
    bool probability_overridden = false;
    deal_status status = deal_status::open;
    user_id owner;
    user_id created_by;
    std::uint32_t version = 0;
    bool operator==(const deal_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `deal_created`; `actor` is who
/// caused the event (the creator is remembered for permissions).
deal_state evolve(const std::optional<deal_state>& state, const deal_event& event,
                  const user_id& actor);

// ---- commands -----------------------------------------------------------------------

struct create_deal {
    deal_id id; ///< server-assigned UUIDv7
    std::string title;
    money value;
    pipeline_id pipeline;
    std::optional<std::string> stage; ///< absent: the pipeline's first stage
    std::optional<int> probability;   ///< absent: the stage's
    std::optional<std::string> expected_close;
    std::optional<user_id> owner; ///< absent: the actor
    std::optional<lead_id> lead;
    std::optional<company_id> company;
};

struct update_deal {
    deal_id id;
    std::optional<std::string> title;
    std::optional<money> value;
    field_patch<std::string> expected_close;
    std::optional<user_id> owner;
    field_patch<company_id> company;
};

struct move_deal_stage {
    deal_id id;
    std::string stage;
    std::optional<int> probability; ///< absent: the new stage's
};

struct win_deal {
    deal_id id;
};

struct lose_deal {
    deal_id id;
    std::string reason;
};

struct reopen_deal {
    deal_id id;
};

using deal_command =
    std::variant<create_deal, update_deal, move_deal_stage, win_deal, lose_deal, reopen_deal>;

const deal_id& subject_of(const deal_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class deal_error {
    not_found,           ///< command for a deal that does not exist → 404
    already_exists,      ///< create with an id already used → 409
    not_permitted,       ///< viewer, or an agent on a deal they neither own nor created → 403
    unknown_pipeline,    ///< → 422
    unknown_stage,       ///< → 422
    invalid_value,       ///< negative cents or a currency that is not ISO 4217 → 422
    invalid_probability, ///< outside 0–100 → 422
    deal_closed,         ///< moving or changing a won or lost deal → 409
    not_open,            ///< winning or losing a closed deal (reopen first) → 409
    not_closed,          ///< reopening an open deal → 409
    nothing_to_change,   ///< → 409
};

std::string_view to_string(deal_error e) noexcept; ///< stable slug, e.g. "deal-closed"

using deal_decision = std::expected<std::vector<deal_event>, deal_error>;

/// Decides a command against the deal's state (nullopt: it does not exist). `pipeline` is
/// the state of the pipeline the command names (create) or the deal is in (others), or
/// nullptr when the tenant has no such pipeline. Pure.
deal_decision decide(const deal_command& command, const std::optional<deal_state>& state,
                     const pipeline_state* pipeline, const command_context& context);

} // namespace ventros::domain
