#include "decode_versioned.hpp"
#include "pipeline_event_types.hpp"
#include "ventros/domain/pipeline_codec.hpp"

#include <algorithm>
#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every pipeline event is still at v1: there is nothing to upcast yet. A v2 maps older
// bodies to the current shape before they are read, like lead_decode.cpp.

void check_probability(json_reader& in, int probability) {
    if (probability > 100) {
        in.fail("probability", "must be from 0 to 100");
    }
}

pipeline_stage read_stage(json_reader& in) {
    pipeline_stage stage{
        .id = in.text("id"), .name = in.text("name"), .probability = in.count("probability")};
    check_probability(in, stage.probability);
    return stage;
}

pipeline_event read_created(json_reader& in) {
    pipeline_created e{
        .id = pipeline_id{in.text("pipeline_id")},
        .name = in.text("name"),
        .is_default = in.flag("is_default"),
        .stages = in.object_list("stages", read_stage),
    };
    if (e.stages.empty()) {
        in.fail("stages", "must not be empty");
    }
    return e;
}

pipeline_event read_stage_added(json_reader& in) {
    auto stage = in.object("stage");
    pipeline_stage_added e{
        .id = pipeline_id{in.text("pipeline_id")},
        .stage = read_stage(stage),
        .position = static_cast<std::size_t>(in.count("position")),
    };
    in.absorb(stage);
    return e;
}

pipeline_event read_stage_updated(json_reader& in) {
    pipeline_stage_updated e{
        .id = pipeline_id{in.text("pipeline_id")},
        .stage_id = in.text("stage_id"),
        .name = in.optional_text("name"),
        .probability = in.optional_count("probability"),
    };
    if (e.name && e.name->empty()) {
        in.fail("name", "must not be empty");
    }
    check_probability(in, e.probability.value_or(0));
    return e;
}

pipeline_event read_stages_reordered(json_reader& in) {
    pipeline_stages_reordered e{
        .id = pipeline_id{in.text("pipeline_id")},
        .order = in.text_list("order"),
    };
    if (e.order.empty() ||
        std::ranges::any_of(e.order, [](const std::string& id) { return id.empty(); })) {
        in.fail("order", "must be a non-empty array of non-empty stage ids");
    }
    return e;
}

pipeline_event read_stage_removed(json_reader& in) {
    return pipeline_stage_removed{.id = pipeline_id{in.text("pipeline_id")},
                                  .stage_id = in.text("stage_id")};
}

// In `pipeline_event` order, like the type table.
constexpr std::array<pipeline_event (*)(json_reader&), 5> readers{
    read_created, read_stage_added, read_stage_updated, read_stages_reordered, read_stage_removed,
};

} // namespace

std::expected<pipeline_event, std::string> decode_pipeline_event(std::string_view type,
                                                                 std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_pipeline_event_type, readers);
}

} // namespace ventros::domain
