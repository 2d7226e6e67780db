#include "ventros/domain/pipeline_codec.hpp"

#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using nlohmann::json;

json stage_body(const pipeline_stage& s) {
    return {{"id", s.id}, {"name", s.name}, {"probability", s.probability}};
}

json body_of(const pipeline_created& e) {
    json stages = json::array();
    for (const auto& stage : e.stages) {
        stages.push_back(stage_body(stage));
    }
    return {{"pipeline_id", e.id.str()},
            {"name", e.name},
            {"is_default", e.is_default},
            {"stages", std::move(stages)}};
}

json body_of(const pipeline_stage_added& e) {
    return {{"pipeline_id", e.id.str()}, {"stage", stage_body(e.stage)}, {"position", e.position}};
}

// Optional members are omitted when absent, so a body only names what it carries.
json body_of(const pipeline_stage_updated& e) {
    json body{{"pipeline_id", e.id.str()}, {"stage_id", e.stage_id}};
    if (e.name) {
        body["name"] = *e.name;
    }
    if (e.probability) {
        body["probability"] = *e.probability;
    }
    return body;
}

json body_of(const pipeline_stages_reordered& e) {
    return {{"pipeline_id", e.id.str()}, {"order", e.order}};
}

json body_of(const pipeline_stage_removed& e) {
    return {{"pipeline_id", e.id.str()}, {"stage_id", e.stage_id}};
}

} // namespace

std::string encode_json(const pipeline_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
