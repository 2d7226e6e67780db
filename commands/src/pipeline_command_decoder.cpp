#include "ventros/commands/pipeline_command_decoder.hpp"

#include "json_object_reader.hpp"

#include <algorithm>

namespace ventros::commands {
namespace {

constexpr std::size_t max_pipeline_name = 100;
constexpr std::size_t max_stage_name = 100;
constexpr std::size_t max_stage_id = 64;
constexpr std::size_t max_stages = 50;

bool is_slug(std::string_view text) {
    return !text.empty() && text.size() <= max_stage_id && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

constexpr std::string_view slug_rule = "must be 1 to 64 of a-z, 0-9, '-' and '_'";

std::optional<std::string> stage_id_field(json_object_reader& reader, std::string_view key) {
    auto id = reader.string_field(key, 1, max_stage_id);
    if (id && !is_slug(*id)) {
        reader.add_error(key, std::string(slug_rule));
        return std::nullopt;
    }
    return id;
}

/// {id, name, probability}, all required; nullopt when any is missing or refused.
std::optional<domain::pipeline_stage> read_stage(json_object_reader& reader) {
    for (const auto* key : {"id", "name", "probability"}) {
        reader.required(key);
    }
    auto id = stage_id_field(reader, "id");
    auto name = reader.string_field("name", 1, max_stage_name);
    const auto probability = reader.int_field("probability");
    if (!id || !name || !probability) {
        return std::nullopt;
    }
    return domain::pipeline_stage{std::move(*id), std::move(*name), *probability};
}

} // namespace

decoded<domain::create_pipeline> decode_create_pipeline(std::string_view body,
                                                        domain::pipeline_id new_id) {
    return decode_object(body, domain::create_pipeline{.id = std::move(new_id)},
                         [](json_object_reader& reader, domain::create_pipeline& command) {
                             command.name =
                                 reader.required_string_field("name", 1, max_pipeline_name);
                             reader.required("stages");
                             command.stages =
                                 reader.object_array_field("stages", 1, max_stages, read_stage)
                                     .value_or(std::vector<domain::pipeline_stage>{});
                             command.is_default = reader.bool_field("is_default").value_or(false);
                         });
}

decoded<domain::add_pipeline_stage> decode_add_pipeline_stage(std::string_view body,
                                                              domain::pipeline_id id) {
    return decode_object(body, domain::add_pipeline_stage{.id = std::move(id)},
                         [](json_object_reader& reader, domain::add_pipeline_stage& command) {
                             if (auto stage = read_stage(reader)) {
                                 command.stage = std::move(*stage);
                             }
                             command.position =
                                 reader.int_field("position", 0).transform([](int position) {
                                     return static_cast<std::size_t>(position);
                                 });
                         });
}

decoded<domain::update_pipeline_stage>
decode_update_pipeline_stage(std::string_view body, domain::pipeline_id id, std::string stage_id) {
    return decode_object(
        body, domain::update_pipeline_stage{.id = std::move(id), .stage_id = std::move(stage_id)},
        [](json_object_reader& reader, domain::update_pipeline_stage& command) {
            command.name = reader.string_field("name", 1, max_stage_name);
            command.probability = reader.int_field("probability");
            if (reader.empty()) {
                reader.add_error("", "give name, probability or both");
            }
        });
}

decoded<domain::reorder_pipeline_stages> decode_reorder_pipeline_stages(std::string_view body,
                                                                        domain::pipeline_id id) {
    return decode_object(
        body, domain::reorder_pipeline_stages{.id = std::move(id)},
        [](json_object_reader& reader, domain::reorder_pipeline_stages& command) {
            reader.required("order");
            if (reader.is_null("order")) {
                reader.add_error("order", "must not be null");
            }
            if (auto order = reader.string_array_field("order", max_stages, max_stage_id)) {
                if (std::ranges::all_of(*order, is_slug)) {
                    command.order = std::move(*order);
                } else {
                    reader.add_error("order", "stage ids " + std::string(slug_rule));
                }
            }
        });
}

} // namespace ventros::commands
