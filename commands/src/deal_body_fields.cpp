#include "deal_body_fields.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::commands {

std::optional<std::string> currency_field(json_object_reader& reader) {
    auto code = reader.string_field("currency", 1, 3);
    if (code && code->size() != 3) {
        reader.add_error("currency", "must be a 3-letter ISO 4217 code");
        return std::nullopt;
    }
    if (code) {
        std::ranges::transform(*code, code->begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    return code;
}

void read_new_deal_fields(json_object_reader& reader, domain::create_deal& deal, bool required) {
    if (required) {
        for (const auto* key : {"title", "value_cents", "currency"}) {
            reader.required(key);
        }
    }
    if (auto title = reader.string_field("title", 1, max_deal_title)) {
        deal.title = std::move(*title);
    }
    if (auto cents = reader.int64_field("value_cents")) {
        deal.value.cents = *cents;
    }
    if (auto currency = currency_field(reader)) {
        deal.value.currency = std::move(*currency);
    }
    if (auto pipeline = reader.uuid_field("pipeline_id")) {
        deal.pipeline = domain::pipeline_id(std::move(*pipeline));
    }
    deal.stage = reader.string_field("stage", 1, max_stage_id);
    deal.probability = reader.int_field("probability");
    deal.expected_close = reader.date_field("expected_close");
    if (auto owner = reader.string_field("owner_id", 1, max_user_id)) {
        deal.owner = domain::user_id(std::move(*owner));
    }
    if (auto company = reader.uuid_field("company_id")) {
        deal.company = domain::company_id(std::move(*company));
    }
}

} // namespace ventros::commands
