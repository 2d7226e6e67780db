#include "ventros/commands/lead_command_decoder.hpp"

#include "deal_body_fields.hpp"
#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

namespace ventros::commands {
namespace {

constexpr std::size_t max_name = 200;
constexpr std::size_t max_company = 200;
constexpr std::size_t max_details = 500;
constexpr std::size_t max_tags = 50;
constexpr std::size_t max_tag = 50;
constexpr std::size_t max_custom = 50;
constexpr std::size_t max_custom_key = 64;
constexpr std::size_t max_custom_value = 1000;
constexpr std::size_t max_need = 2000;
constexpr std::size_t max_reason = 500;

} // namespace

decoded<domain::create_lead> decode_create_lead(std::string_view body, domain::lead_id new_id) {
    return decode_object(
        body, domain::create_lead{.id = std::move(new_id)},
        [](json_object_reader& reader, domain::create_lead& command) {
            command.name = reader.required_string_field("name", 1, max_name);
            command.email = email_field(reader);
            command.phone = phone_field(reader);
            command.company = optional_text(reader, "company", max_company);
            if (reader.has("source")) {
                command.source = enum_field(reader, "source", domain::parse_lead_source)
                                     .value_or(domain::lead_source::api);
            }
            command.source_details = optional_text(reader, "source_details", max_details);
            command.tags = reader.string_array_field("tags", max_tags, max_tag)
                               .value_or(std::vector<std::string>{});
            command.custom =
                reader
                    .string_map_field("custom_fields", max_custom, max_custom_key, max_custom_value)
                    .value_or(domain::custom_fields{});
            // Empty optional strings mean "not given".
            for (auto* field :
                 {&command.email, &command.phone, &command.company, &command.source_details}) {
                if (field->has_value() && (*field)->empty()) {
                    field->reset();
                }
            }
        });
}

decoded<domain::update_lead> decode_update_lead(std::string_view body, domain::lead_id id) {
    return decode_patch(
        body, domain::update_lead{.id = std::move(id)},
        [](json_object_reader& reader, domain::update_lead& command) {
            if (reader.has("name")) {
                command.name = reader.string_field("name", 1, max_name); // null: "must not be null"
            }
            command.email = email_patch(reader);
            command.phone = phone_patch(reader);
            command.company = reader.nullable_string_field("company", max_company);
            command.tags = reader.string_array_field("tags", max_tags, max_tag);
            command.custom = reader.string_map_field("custom_fields", max_custom, max_custom_key,
                                                     max_custom_value);
            if (reader.has("stage")) {
                command.stage = enum_field(reader, "stage", domain::parse_lead_stage);
            }
        });
}

decoded<domain::answer_bant> decode_answer_bant(std::string_view body, domain::lead_id id) {
    return decode_object(
        body, domain::answer_bant{.id = std::move(id)},
        [](json_object_reader& reader, domain::answer_bant& command) {
            command.answers.budget = enum_field(reader, "budget", domain::parse_budget);
            command.answers.authority = enum_field(reader, "authority", domain::parse_authority);
            command.answers.need = reader.string_field("need", 0, max_need);
            command.answers.timeline = enum_field(reader, "timeline", domain::parse_timeline);
            if (reader.empty()) {
                reader.add_error("", "answer at least one of budget, authority, need, timeline");
            }
        });
}

decoded<domain::assign_lead> decode_assign_lead(std::string_view body, domain::lead_id id) {
    return decode_object(body, domain::assign_lead{.id = std::move(id)},
                         [](json_object_reader& reader, domain::assign_lead& command) {
                             reader.required("agent_id");
                             if (auto agent = reader.string_field("agent_id", 1, max_user_id)) {
                                 command.agent = domain::user_id(std::move(*agent));
                             }
                             if (reader.has("agent_role")) {
                                 command.agent_role =
                                     enum_field(reader, "agent_role", domain::parse_role)
                                         .value_or(domain::role::agent);
                             }
                         });
}

decoded<domain::mark_lead_lost> decode_mark_lead_lost(std::string_view body, domain::lead_id id) {
    return decode_object(body, domain::mark_lead_lost{.id = std::move(id)},
                         [](json_object_reader& reader, domain::mark_lead_lost& command) {
                             command.reason = reader.required_string_field("reason", 1, max_reason);
                         });
}

decoded<domain::lead_conversion> decode_lead_conversion(std::string_view body, domain::lead_id id,
                                                        domain::deal_id new_deal,
                                                        bool allow_unqualified) {
    domain::lead_conversion command;
    command.deal.id = new_deal;
    command.deal.lead = id;
    command.deal.title = "Converted lead";
    command.deal.value = domain::money{0, "BRL"};
    command.lead = domain::convert_lead{std::move(id), std::move(new_deal), allow_unqualified};
    return decode_object(
        body, std::move(command),
        [](json_object_reader& reader, domain::lead_conversion& conversion) {
            read_new_deal_fields(reader, conversion.deal, false);
        },
        true);
}

std::optional<domain::lead_stage> decode_stage(std::string_view text) noexcept {
    return domain::parse_lead_stage(text);
}

} // namespace ventros::commands
