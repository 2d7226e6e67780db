#include "ventros/commands/billing_account_command_decoder.hpp"

#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

namespace ventros::commands {
namespace {

constexpr std::size_t max_name = 200;
constexpr std::string_view email_key = "billing_email";
constexpr std::size_t max_email = 254; ///< RFC 5321 path limit

} // namespace

decoded<domain::create_billing_account>
decode_create_billing_account(std::string_view body, domain::billing_account_id new_id) {
    return decode_object(body, domain::create_billing_account{.id = std::move(new_id)},
                         [](json_object_reader& reader, domain::create_billing_account& command) {
                             command.name = reader.required_string_field("name", 1, max_name);
                             reader.required(email_key);
                             auto email = reader.string_field(email_key, 1, max_email);
                             normalize_email(reader, email, email_key);
                             command.billing_email = email.value_or("");
                         });
}

decoded<domain::update_billing_account>
decode_update_billing_account(std::string_view body, domain::billing_account_id id) {
    return decode_object(body, domain::update_billing_account{.id = std::move(id)},
                         [](json_object_reader& reader, domain::update_billing_account& command) {
                             if (reader.has("name")) {
                                 command.name = reader.string_field("name", 1, max_name);
                             }
                             if (reader.has(email_key)) {
                                 command.billing_email =
                                     reader.string_field(email_key, 1, max_email);
                                 normalize_email(reader, command.billing_email, email_key);
                             }
                             if (reader.empty()) {
                                 reader.add_error("", "at least one field must be given");
                             }
                         });
}

decoded<domain::suspend_billing_account>
decode_suspend_billing_account(std::string_view body, domain::billing_account_id id) {
    return decode_object(body, domain::suspend_billing_account{.id = std::move(id)},
                         [](json_object_reader& reader, domain::suspend_billing_account& command) {
                             reader.required("reason");
                             const auto reason =
                                 enum_field(reader, "reason", domain::parse_suspension_reason);
                             command.reason = reason.value_or(command.reason);
                         });
}

} // namespace ventros::commands
