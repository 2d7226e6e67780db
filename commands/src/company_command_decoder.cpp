#include "ventros/commands/company_command_decoder.hpp"

#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

namespace ventros::commands {
namespace {

constexpr std::size_t max_name = 200;
constexpr std::size_t max_industry = 100;

} // namespace

decoded<domain::create_company> decode_create_company(std::string_view body,
                                                      domain::company_id new_id) {
    return decode_object(body, domain::create_company{.id = std::move(new_id)},
                         [](json_object_reader& reader, domain::create_company& command) {
                             command.name = reader.required_string_field("name", 1, max_name);
                             command.domain = web_domain_field(reader);
                             command.industry = optional_text(reader, "industry", max_industry);
                             const auto size =
                                 reader.nullable_field("size", [&](std::string_view key) {
                                     return enum_field(reader, key, domain::parse_company_size);
                                 });
                             command.size = size.value_or(std::nullopt); // null: not given
                         });
}

decoded<domain::update_company> decode_update_company(std::string_view body,
                                                      domain::company_id id) {
    return decode_patch(body, domain::update_company{.id = std::move(id)},
                        [](json_object_reader& reader, domain::update_company& command) {
                            if (reader.has("name")) {
                                command.name = reader.string_field("name", 1, max_name);
                            }
                            command.domain = web_domain_patch(reader);
                            command.industry =
                                reader.nullable_string_field("industry", max_industry);
                            command.size = reader.nullable_field("size", [&](std::string_view key) {
                                return enum_field(reader, key, domain::parse_company_size);
                            });
                        });
}

} // namespace ventros::commands
