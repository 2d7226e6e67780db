#pragma once

#include "json_object_reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ventros::commands {

/// Fields several decoders read the same way. Emails, phones and web domains are
/// normalized so that equal values compare equal (the writer's duplicate checks rely on it).

constexpr std::size_t max_email = 254;
constexpr std::size_t max_phone = 32;
constexpr std::size_t max_web_domain = 253;

/// Lower-cases a (trimmed) email in place and checks its shape; adds an error at `key` and
/// clears it when it is not an email address. Nothing happens to nullopt.
void normalize_email(json_object_reader& reader, std::optional<std::string>& email,
                     std::string_view key = "email");

/// Reduces a phone to an optional leading '+' and its digits (spaces, ( ) - . dropped) and
/// checks it has 8 to 15 digits; adds a "phone" error and clears it otherwise.
void normalize_phone(json_object_reader& reader, std::optional<std::string>& phone);

/// Reduces a web address to its lower-case host without scheme, path, port, "www." or a
/// trailing dot ("https://WWW.Acme.com.br/contato" → "acme.com.br") and checks it is a
/// DNS name with at least two labels (internationalized names in their "xn--" form); adds
/// a "domain" error and clears it otherwise.
void normalize_web_domain(json_object_reader& reader, std::optional<std::string>& domain);

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
