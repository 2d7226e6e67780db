#pragma once

#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead.hpp"

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ventros::domain {

/// A column of a sales pipeline. Its order is its position in the pipeline's list.
struct pipeline_stage {
    std::string id; ///< stable slug, unique within the pipeline (e.g. "proposal")
    std::string name;
    int probability = 0; ///< 0–100: the chance a deal in this stage is won
    bool operator==(const pipeline_stage&) const = default;
};

// ---- events -------------------------------------------------------------------------

struct pipeline_created {
    pipeline_id id;
    std::string name;
    bool is_default = false;
    std::vector<pipeline_stage> stages;
    bool operator==(const pipeline_created&) const = default;
};

struct pipeline_stage_added {
    pipeline_id id;
    pipeline_stage stage;
    std::size_t position = 0; ///< index the stage now has
    bool operator==(const pipeline_stage_added&) const = default;
};

/// Name and/or probability of a stage changed (absent = unchanged).
struct pipeline_stage_updated {
    pipeline_id id;
    std::string stage_id;
    std::optional<std::string> name;
    std::optional<int> probability;
    bool operator==(const pipeline_stage_updated&) const = default;
};

struct pipeline_stages_reordered {
    pipeline_id id;
    std::vector<std::string> order; ///< every stage id, in the new order
    bool operator==(const pipeline_stages_reordered&) const = default;
};

struct pipeline_stage_removed {
    pipeline_id id;
    std::string stage_id;
    bool operator==(const pipeline_stage_removed&) const = default;
};

using pipeline_event = std::variant<pipeline_created, pipeline_stage_added, pipeline_stage_updated,
                                    pipeline_stages_reordered, pipeline_stage_removed>;

const pipeline_id& subject_of(const pipeline_event& e) noexcept;

// ---- state --------------------------------------------------------------------------

struct pipeline_state {
    pipeline_id id;
    std::string name;
    bool is_default = false;
    std::vector<pipeline_stage> stages; ///< in board order
    std::uint32_t version = 0;          ///< number of events applied

    /// The stage with this id, or nullptr.
    const pipeline_stage* find_stage(std::string_view stage_id) const noexcept;
    bool operator==(const pipeline_state&) const = default;
};

/// Applies one event. `state` is nullopt only before `pipeline_created`.
pipeline_state evolve(const std::optional<pipeline_state>& state, const pipeline_event& event);

/// The pipeline every tenant starts with (DOMAIN.md): Prospecting 10, Qualification 25,
/// Proposal 50, Negotiation 75.
pipeline_created default_pipeline(pipeline_id id);

// ---- commands -----------------------------------------------------------------------

struct create_pipeline {
    pipeline_id id; ///< server-assigned UUIDv7
    std::string name;
    std::vector<pipeline_stage> stages;
    bool is_default = false;
};

struct add_pipeline_stage {
    pipeline_id id;
    pipeline_stage stage;
    std::optional<std::size_t> position; ///< absent: at the end
};

struct update_pipeline_stage {
    pipeline_id id;
    std::string stage_id;
    std::optional<std::string> name;
    std::optional<int> probability;
};

struct reorder_pipeline_stages {
    pipeline_id id;
    std::vector<std::string> order; ///< must name every stage exactly once
};

struct remove_pipeline_stage {
    pipeline_id id;
    std::string stage_id;
};

using pipeline_command = std::variant<create_pipeline, add_pipeline_stage, update_pipeline_stage,
                                      reorder_pipeline_stages, remove_pipeline_stage>;

const pipeline_id& subject_of(const pipeline_command& c) noexcept;

// ---- decisions ----------------------------------------------------------------------

enum class pipeline_error {
    not_found,      ///< command for a pipeline that does not exist
    already_exists, ///< create with an id already used
    not_permitted,  ///< only admin and manager edit pipelines
    invalid_stages, ///< no stage, a duplicate id, an empty name or id, probability outside 0–100
    unknown_stage,  ///< a stage id the pipeline does not have
    stage_has_open_deals, ///< removing a stage that still holds open deals
    last_stage,           ///< removing the only stage
    nothing_to_change,    ///< an update or reorder that changes nothing
};

std::string_view to_string(pipeline_error e) noexcept; ///< stable slug, e.g. "stage-has-open-deals"

/// What a pipeline decision needs to know beyond the pipeline itself (the writer keeps it
/// per tenant from the deal events it has applied).
struct pipeline_usage {
    std::map<std::string, int> open_deals_by_stage;
};

using pipeline_decision = std::expected<std::vector<pipeline_event>, pipeline_error>;

/// Decides a command against the pipeline's state (nullopt: it does not exist). Pure.
pipeline_decision decide(const pipeline_command& command,
                         const std::optional<pipeline_state>& state, const command_context& context,
                         const pipeline_usage& usage);

} // namespace ventros::domain
