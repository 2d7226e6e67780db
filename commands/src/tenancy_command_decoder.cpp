#include "ventros/commands/tenancy_command_decoder.hpp"

#include "json_object_reader.hpp"
#include "normalized_fields.hpp"

#include <algorithm>

namespace ventros::commands {
namespace {

constexpr std::size_t max_name = 200;
constexpr std::size_t max_description = 2000;
constexpr std::size_t max_password = 1024;
constexpr std::size_t max_email = 254;

std::string required_email(json_object_reader& reader) {
    const auto raw = reader.required_string_field("email", 3, max_email);
    const auto email = domain::normalize_email(raw);
    if (!email) {
        if (!raw.empty()) {
            reader.add_error("email", "is not an email address");
        }
        return {};
    }
    return *email;
}

bool is_color(std::string_view text) {
    return text.size() == 7 && text[0] == '#' &&
           std::all_of(text.begin() + 1, text.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

/// The branding object, read as a map of known strings.
std::optional<domain::branding> branding_field(json_object_reader& reader) {
    const auto fields = reader.string_map_field("branding", 4, 32, 500);
    if (!fields) {
        return std::nullopt;
    }
    domain::branding b;
    for (const auto& [name, value] : *fields) {
        const auto text = value.empty() ? std::nullopt : std::optional(value);
        if (name == "logo_url") {
            if (text && !text->starts_with("https://")) {
                reader.add_error("branding", "logo_url must be an https URL");
            }
            b.logo_url = text;
        } else if (name == "primary_color" || name == "secondary_color") {
            if (text && !is_color(*text)) {
                reader.add_error("branding", name + " must be a #rrggbb color");
            }
            (name == "primary_color" ? b.primary_color : b.secondary_color) = text;
        } else if (name == "company_name") {
            b.company_name = text;
        } else {
            reader.add_error("branding", "has an unknown member \"" + name + "\"");
        }
    }
    return b;
}

} // namespace

decoded<registration> decode_registration(std::string_view body) {
    return decode_object(body, registration{}, [](json_object_reader& reader, registration& r) {
        r.name = reader.required_string_field("name", 1, max_name);
        r.email = required_email(reader);
        r.password = reader.required_string_field("password", 1, max_password);
        if (!r.password.empty() && !domain::strong_enough(r.password)) {
            reader.add_error("password", "must have at least " +
                                             std::to_string(domain::min_password_length) +
                                             " characters");
        }
    });
}

decoded<credentials> decode_credentials(std::string_view body) {
    return decode_object(body, credentials{}, [](json_object_reader& reader, credentials& c) {
        c.email = required_email(reader);
        c.password = reader.required_string_field("password", 1, max_password);
    });
}

decoded<project_creation> decode_create_project(std::string_view body) {
    return decode_object(
        body, project_creation{}, [](json_object_reader& reader, project_creation& p) {
            const auto slug = reader.required_string_field("tenant_id", 1, 63);
            if (!slug.empty() && !domain::is_valid_tenant_slug(slug)) {
                reader.add_error("tenant_id",
                                 "must be 3 to 63 lowercase letters, digits and hyphens, "
                                 "starting and ending with a letter or digit");
            }
            p.command.id = domain::tenant_id(slug);
            p.command.name = reader.required_string_field("name", 1, max_name);
            p.command.description = optional_text(reader, "description", max_description);
            reader.required("billing_account_id");
            p.command.billing_account =
                domain::billing_account_id(reader.uuid_field("billing_account_id").value_or(""));
            p.plan = reader.string_field("plan", 1, 64).value_or("starter");
        });
}

decoded<member_invitation> decode_member_invitation(std::string_view body) {
    return decode_object(
        body, member_invitation{}, [](json_object_reader& reader, member_invitation& m) {
            m.email = required_email(reader);
            reader.required("role");
            m.member_role =
                enum_field(reader, "role", domain::parse_role).value_or(domain::role::viewer);
        });
}

decoded<domain::set_project_product> decode_set_product(std::string_view body, domain::tenant_id id,
                                                        domain::product which) {
    return decode_object(
        body, domain::set_project_product{.id = std::move(id), .which = which, .setting = {}},
        [](json_object_reader& reader, domain::set_project_product& command) {
            reader.required("enabled");
            command.setting.enabled = reader.bool_field("enabled").value_or(false);
            command.setting.limits =
                reader.count_map_field("limits", 32).value_or(domain::product_limits{});
        });
}

decoded<domain::update_project_settings> decode_update_project_settings(std::string_view body,
                                                                        domain::tenant_id id) {
    return decode_object(
        body, domain::update_project_settings{.id = std::move(id)},
        [](json_object_reader& reader, domain::update_project_settings& command) {
            if (reader.has("name")) {
                command.name = reader.string_field("name", 1, max_name);
            }
            command.description = reader.nullable_string_field("description", max_description);
            if (reader.has("session_timeout_minutes")) {
                command.session_timeout_minutes =
                    reader.int_field("session_timeout_minutes", 5, 1440).transform([](int minutes) {
                        return static_cast<std::uint32_t>(minutes);
                    });
            }
            if (reader.has("branding")) {
                command.branding = branding_field(reader);
            }
            if (reader.empty()) {
                reader.add_error("", "at least one field must be given");
            }
        });
}

decoded<std::string> decode_plan_change(std::string_view body) {
    return decode_object(body, std::string{}, [](json_object_reader& reader, std::string& plan) {
        plan = reader.required_string_field("plan", 1, 64);
    });
}

decoded<domain::request_cancellation> decode_cancellation(std::string_view body) {
    return decode_object(
        body, domain::request_cancellation{.at_period_end = true},
        [](json_object_reader& reader, domain::request_cancellation& command) {
            command.at_period_end = reader.bool_field("at_period_end").value_or(true);
        },
        true);
}

} // namespace ventros::commands
