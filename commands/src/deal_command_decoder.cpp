#include "ventros/commands/deal_command_decoder.hpp"

#include "deal_body_fields.hpp"
#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

namespace ventros::commands {
namespace {

constexpr std::size_t max_loss_reason = 500;

/// value_cents and currency go together: both or neither.
std::optional<domain::money> money_patch(json_object_reader& reader) {
    const bool has_cents = reader.has("value_cents");
    const bool has_currency = reader.has("currency");
    if (has_cents != has_currency) {
        reader.add_error(has_cents ? "currency" : "value_cents",
                         "is required with " + std::string(has_cents ? "value_cents" : "currency"));
    }
    auto cents = reader.int64_field("value_cents");
    auto currency = currency_field(reader);
    if (!cents || !currency) {
        return std::nullopt;
    }
    return domain::money{*cents, std::move(*currency)};
}

/// For bodies that must be empty or `{}`: reads no field, so any field is unknown.
constexpr auto ignore_fields = [](json_object_reader&, const auto&) {};

} // namespace

decoded<domain::create_deal> decode_create_deal(std::string_view body, domain::deal_id new_id) {
    return decode_object(body, domain::create_deal{.id = std::move(new_id)},
                         [](json_object_reader& reader, domain::create_deal& command) {
                             read_new_deal_fields(reader, command, true);
                             if (auto lead = reader.uuid_field("lead_id")) {
                                 command.lead = domain::lead_id(std::move(*lead));
                             }
                         });
}

decoded<domain::update_deal> decode_update_deal(std::string_view body, domain::deal_id id) {
    return decode_patch(body, domain::update_deal{.id = std::move(id)},
                        [](json_object_reader& reader, domain::update_deal& command) {
                            command.title = reader.string_field("title", 1, max_deal_title);
                            command.value = money_patch(reader);
                            command.expected_close =
                                reader.nullable_field("expected_close", [&](std::string_view key) {
                                    return reader.date_field(key);
                                });
                            if (auto owner = reader.string_field("owner_id", 1, max_user_id)) {
                                command.owner = domain::user_id(std::move(*owner));
                            }
                            command.company = id_patch<domain::company_id>(reader, "company_id");
                        });
}

decoded<domain::move_deal_stage> decode_move_deal_stage(std::string_view body, domain::deal_id id) {
    return decode_object(body, domain::move_deal_stage{.id = std::move(id)},
                         [](json_object_reader& reader, domain::move_deal_stage& command) {
                             command.stage = reader.required_string_field("stage", 1, max_stage_id);
                             command.probability = reader.int_field("probability");
                         });
}

decoded<domain::win_deal> decode_win_deal(std::string_view body, domain::deal_id id) {
    return decode_object(body, domain::win_deal{std::move(id)}, ignore_fields, true);
}

decoded<domain::lose_deal> decode_lose_deal(std::string_view body, domain::deal_id id) {
    return decode_object(body, domain::lose_deal{.id = std::move(id)},
                         [](json_object_reader& reader, domain::lose_deal& command) {
                             command.reason =
                                 reader.required_string_field("reason", 1, max_loss_reason);
                         });
}

decoded<domain::reopen_deal> decode_reopen_deal(std::string_view body, domain::deal_id id) {
    return decode_object(body, domain::reopen_deal{std::move(id)}, ignore_fields, true);
}

} // namespace ventros::commands
