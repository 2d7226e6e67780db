#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/pipeline.hpp"

#include <string>
#include <string_view>

namespace ventros::commands {

/// Decoders for the pipeline endpoints' JSON bodies, as strict as the lead ones. A stage
/// id is a slug: 1 to 64 of a-z, 0-9, '-' and '_'. Probabilities may be any integer here
/// (the domain refuses those outside 0–100); removing a stage has no body.

/// POST /pipelines: {name, stages: [{id, name, probability}] (1 to 50), is_default?}.
decoded<domain::create_pipeline> decode_create_pipeline(std::string_view body,
                                                        domain::pipeline_id new_id);

/// POST /pipelines/{id}/stages: {id, name, probability, position?} (position >= 0; absent:
/// at the end).
decoded<domain::add_pipeline_stage> decode_add_pipeline_stage(std::string_view body,
                                                              domain::pipeline_id id);

/// PATCH /pipelines/{id}/stages/{stage_id}: {name?, probability?}, at least one.
decoded<domain::update_pipeline_stage>
decode_update_pipeline_stage(std::string_view body, domain::pipeline_id id, std::string stage_id);

/// PUT /pipelines/{id}/stage-order: {order: [stage ids]}.
decoded<domain::reorder_pipeline_stages> decode_reorder_pipeline_stages(std::string_view body,
                                                                        domain::pipeline_id id);

} // namespace ventros::commands
