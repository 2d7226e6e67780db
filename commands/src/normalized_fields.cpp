#include "normalized_fields.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::commands {
namespace {

constexpr std::size_t max_email = 254;
constexpr std::size_t max_phone = 32;
constexpr std::size_t max_web_domain = 253;

bool valid_email(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto domain = email.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) {
        return false;
    }
    return std::none_of(email.begin(), email.end(), [](unsigned char c) {
        return std::isspace(c) != 0 || std::iscntrl(c) != 0;
    });
}

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// '+' (if leading) and digits; separators ( ) - . and spaces dropped; 8 to 15 digits.
std::optional<std::string> phone_digits(std::string_view phone) {
    std::string out;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c == '+' && i == 0) {
            out.push_back(c);
        } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            out.push_back(c);
        } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
            return std::nullopt;
        }
    }
    const auto digits = out.size() - (out.starts_with('+') ? 1 : 0);
    if (digits < 8 || digits > 15) {
        return std::nullopt;
    }
    return out;
}

/// A DNS label: 1 to 63 letters, digits and inner hyphens.
bool valid_label(std::string_view label) {
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
           std::ranges::all_of(label, [](unsigned char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

/// The host of a lower-cased web address, or nullopt when it is not a DNS name with at
/// least two labels.
std::optional<std::string> web_host(std::string_view address) {
    for (const std::string_view scheme : {"https://", "http://"}) {
        if (address.starts_with(scheme)) {
            address.remove_prefix(scheme.size());
            break;
        }
    }
    address = address.substr(0, address.find_first_of("/?#"));
    address = address.substr(0, address.find(':'));
    if (address.starts_with("www.")) {
        address.remove_prefix(4);
    }
    if (address.ends_with('.')) {
        address.remove_suffix(1);
    }
    std::size_t labels = 0;
    for (std::size_t from = 0; from <= address.size(); ++labels) {
        const auto dot = std::min(address.find('.', from), address.size());
        if (!valid_label(address.substr(from, dot - from))) {
            return std::nullopt;
        }
        from = dot + 1;
    }
    if (labels < 2) {
        return std::nullopt;
    }
    return std::string(address);
}

} // namespace

void normalize_email(json_object_reader& reader, std::optional<std::string>& email,
                     std::string_view key) {
    if (!email) {
        return;
    }
    *email = lower(*email);
    if (!valid_email(*email)) {
        reader.add_error(key, "must be an email address");
        email.reset();
    }
}

namespace {

using normalizer = void (*)(json_object_reader&, std::optional<std::string>&);

/// An "email" field: lower-cased and checked.
void normalize_email_field(json_object_reader& reader, std::optional<std::string>& email) {
    normalize_email(reader, email, "email");
}

/// Reduces a phone to an optional leading '+' and its digits and checks their number.
void normalize_phone(json_object_reader& reader, std::optional<std::string>& phone) {
    if (!phone) {
        return;
    }
    auto normalized = phone_digits(*phone);
    if (!normalized) {
        reader.add_error("phone", "must be a phone number with 8 to 15 digits");
        phone.reset();
        return;
    }
    *phone = std::move(*normalized);
}

/// Reduces a web address to its host and checks it is a DNS name.
void normalize_web_domain(json_object_reader& reader, std::optional<std::string>& domain) {
    if (!domain) {
        return;
    }
    auto host = web_host(lower(*domain));
    if (!host) {
        reader.add_error("domain", "must be a domain name such as example.com");
        domain.reset();
        return;
    }
    *domain = std::move(*host);
}

/// Reads an optional text field then normalizes it with `normalize`.
std::optional<std::string> normalized_field(json_object_reader& reader, std::string_view key,
                                            std::size_t max_length, normalizer normalize) {
    auto text = optional_text(reader, key, max_length);
    normalize(reader, text);
    return text;
}

/// Reads a nullable text field of a patch then normalizes a given value with `normalize`.
domain::field_patch<std::string> normalized_patch(json_object_reader& reader, std::string_view key,
                                                  std::size_t max_length, normalizer normalize) {
    auto patch = reader.nullable_string_field(key, max_length);
    if (patch) {
        normalize(reader, *patch);
    }
    return patch;
}

} // namespace

std::optional<std::string> optional_text(json_object_reader& reader, std::string_view key,
                                         std::size_t max_length) {
    auto text = reader.string_field(key, 0, max_length);
    if (text && text->empty()) {
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> email_field(json_object_reader& reader) {
    return normalized_field(reader, "email", max_email, normalize_email_field);
}

domain::field_patch<std::string> email_patch(json_object_reader& reader) {
    return normalized_patch(reader, "email", max_email, normalize_email_field);
}

std::optional<std::string> phone_field(json_object_reader& reader) {
    return normalized_field(reader, "phone", max_phone, normalize_phone);
}

domain::field_patch<std::string> phone_patch(json_object_reader& reader) {
    return normalized_patch(reader, "phone", max_phone, normalize_phone);
}

std::optional<std::string> web_domain_field(json_object_reader& reader) {
    return normalized_field(reader, "domain", max_web_domain, normalize_web_domain);
}

domain::field_patch<std::string> web_domain_patch(json_object_reader& reader) {
    return normalized_patch(reader, "domain", max_web_domain, normalize_web_domain);
}

} // namespace ventros::commands
