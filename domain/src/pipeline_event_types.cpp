#include "pipeline_event_types.hpp"

#include "ventros/domain/pipeline_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

// In `pipeline_event` order.
constexpr std::array<detail::event_names, 5> names{{
    {"created", "ventros.crm.pipeline.created.v1", "crm/pipeline.created.v1.json"},
    {"stage_added", "ventros.crm.pipeline.stage_added.v1", "crm/pipeline.stage_added.v1.json"},
    {"stage_updated", "ventros.crm.pipeline.stage_updated.v1",
     "crm/pipeline.stage_updated.v1.json"},
    {"stages_reordered", "ventros.crm.pipeline.stages_reordered.v1",
     "crm/pipeline.stages_reordered.v1.json"},
    {"stage_removed", "ventros.crm.pipeline.stage_removed.v1",
     "crm/pipeline.stage_removed.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<pipeline_event>);

} // namespace

std::optional<detail::versioned_event_type>
detail::parse_pipeline_event_type(std::string_view type) noexcept {
    return parse_versioned_event_type(type, "ventros.crm.pipeline.", names,
                                      current_pipeline_event_version);
}

std::string_view event_type(const pipeline_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const pipeline_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_pipeline_event_type(std::string_view type) noexcept {
    return detail::parse_pipeline_event_type(type).has_value();
}

} // namespace ventros::domain
