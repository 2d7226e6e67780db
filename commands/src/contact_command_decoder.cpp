#include "ventros/commands/contact_command_decoder.hpp"

#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

namespace ventros::commands {
namespace {

constexpr std::size_t max_name = 200;
constexpr std::size_t max_position = 200;

} // namespace

decoded<domain::create_contact> decode_create_contact(std::string_view body,
                                                      domain::contact_id new_id) {
    return decode_object(body, domain::create_contact{.id = std::move(new_id)},
                         [](json_object_reader& reader, domain::create_contact& command) {
                             command.name = reader.required_string_field("name", 1, max_name);
                             command.email = email_field(reader);
                             command.phone = phone_field(reader);
                             command.position = optional_text(reader, "position", max_position);
                             command.company = id_field<domain::company_id>(reader, "company_id");
                         });
}

decoded<domain::update_contact> decode_update_contact(std::string_view body,
                                                      domain::contact_id id) {
    return decode_patch(body, domain::update_contact{.id = std::move(id)},
                        [](json_object_reader& reader, domain::update_contact& command) {
                            if (reader.has("name")) {
                                command.name = reader.string_field("name", 1, max_name);
                            }
                            command.email = email_patch(reader);
                            command.phone = phone_patch(reader);
                            command.position =
                                reader.nullable_string_field("position", max_position);
                            command.company = id_patch<domain::company_id>(reader, "company_id");
                        });
}

decoded<domain::link_contact> decode_link_contact(std::string_view body, domain::contact_id id) {
    return decode_object(body, domain::link_contact{.id = std::move(id)},
                         [](json_object_reader& reader, domain::link_contact& command) {
                             const bool lead = reader.has("lead_id");
                             if (lead == reader.has("deal_id")) {
                                 reader.add_error("", "give exactly one of lead_id and deal_id");
                             }
                             if (auto id = reader.uuid_field("lead_id")) {
                                 command.link = domain::lead_id(std::move(*id));
                             }
                             if (auto id = reader.uuid_field("deal_id"); id && !lead) {
                                 command.link = domain::deal_id(std::move(*id));
                             }
                         });
}

decoded<domain::merge_contacts> decode_merge_contacts(std::string_view body,
                                                      domain::contact_id id) {
    return decode_object(body, domain::merge_contacts{.id = std::move(id)},
                         [](json_object_reader& reader, domain::merge_contacts& command) {
                             reader.required("merged_id");
                             if (auto merged = reader.uuid_field("merged_id")) {
                                 command.merged = domain::contact_id(std::move(*merged));
                             }
                         });
}

} // namespace ventros::commands
