#pragma once

#include "json_object_reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::commands {

/// Fields several decoders read the same way. Emails, phones and web domains are
/// normalized so that equal values compare equal (the writer's duplicate checks rely on it);
/// a value that does not normalize adds an error under its key and reads as nullopt.

/// Optional "email" (null and "" mean "not given"), lower-cased and checked to be an email
/// address.
std::optional<std::string> email_field(json_object_reader& reader);
/// "email" in a patch: absent, null (cleared), or an email read as `email_field` does.
domain::field_patch<std::string> email_patch(json_object_reader& reader);

/// Optional "phone" (null and "" mean "not given"), reduced to an optional leading '+' and
/// its digits (spaces, ( ) - . dropped) and checked to have 8 to 15 digits.
std::optional<std::string> phone_field(json_object_reader& reader);
/// "phone" in a patch: absent, null (cleared), or a phone read as `phone_field` does.
domain::field_patch<std::string> phone_patch(json_object_reader& reader);

/// Lower-cases a (trimmed) email in place and checks its shape; adds an error at `key` and
/// clears it when it is not an email address. Nothing happens to nullopt.
void normalize_email(json_object_reader& reader, std::optional<std::string>& email,
                     std::string_view key);

/// Optional "domain" (null and "" mean "not given"), reduced to its lower-case host without
/// scheme, path, port, "www." or a trailing dot ("https://WWW.Acme.com.br/contato" →
/// "acme.com.br") and checked to be a DNS name with at least two labels (internationalized
/// names in their "xn--" form).
std::optional<std::string> web_domain_field(json_object_reader& reader);
/// "domain" in a patch: absent, null (cleared), or a domain read as `web_domain_field` does.
domain::field_patch<std::string> web_domain_patch(json_object_reader& reader);

/// An optional UUID field as an id type (e.g. `domain::company_id`).
template <class Id>
std::optional<Id> id_field(json_object_reader& reader, std::string_view key) {
    return reader.uuid_field(key).transform([](std::string text) { return Id(std::move(text)); });
}

/// A UUID field in a patch: absent, null (cleared) or an id.
template <class Id>
domain::field_patch<Id> id_patch(json_object_reader& reader, std::string_view key) {
    return reader
        .nullable_field(key, [&](std::string_view field) { return reader.uuid_field(field); })
        .transform([](std::optional<std::string> text) {
            return text.transform([](std::string id) { return Id(std::move(id)); });
        });
}

/// An optional text field where null and "" both mean "not given".
std::optional<std::string> optional_text(json_object_reader& reader, std::string_view key,
                                         std::size_t max_length);

/// A code read with `parse` (e.g. `domain::parse_lead_source`); an unknown code adds an
/// error naming it.
template <class Parse>
auto enum_field(json_object_reader& reader, std::string_view key, Parse parse)
    -> decltype(parse(std::string_view{})) {
    const auto text = reader.string_field(key, 1, 64);
    if (!text) {
        return std::nullopt;
    }
    auto value = parse(*text);
    if (!value) {
        reader.add_error(key, "has an unknown value \"" + *text + "\"");
    }
    return value;
}

} // namespace ventros::commands
