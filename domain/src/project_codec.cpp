#include "ventros/domain/project_codec.hpp"

#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "json_members.hpp"
#include "ventros/domain/overloaded.hpp"
#include "versioned_event_type.hpp"

#include <array>
#include <limits>

namespace ventros::domain {
namespace {

using detail::json_reader;
using detail::put;
using detail::put_patch;
using nlohmann::json;

constexpr int current_version = 1;

// In `project_event` order.
constexpr std::array<detail::event_names, 5> names{{
    {"created", "ventros.identity.project.created.v1", "identity/project.created.v1.json"},
    {"member_set", "ventros.identity.project.member_set.v1", "identity/project.member_set.v1.json"},
    {"member_removed", "ventros.identity.project.member_removed.v1",
     "identity/project.member_removed.v1.json"},
    {"product_set", "ventros.identity.project.product_set.v1",
     "identity/project.product_set.v1.json"},
    {"settings_updated", "ventros.identity.project.settings_updated.v1",
     "identity/project.settings_updated.v1.json"},
}};
static_assert(names.size() == std::variant_size_v<project_event>);

std::optional<detail::versioned_event_type> parse_type(std::string_view type) noexcept {
    return detail::parse_versioned_event_type(type, "ventros.identity.project.", names,
                                              current_version);
}

json branding_body(const branding& b) {
    json body = json::object();
    put(body, "logo_url", b.logo_url);
    put(body, "primary_color", b.primary_color);
    put(body, "secondary_color", b.secondary_color);
    put(body, "company_name", b.company_name);
    return body;
}

json body_of(const project_created& e) {
    json body{{"tenant_id", e.id.str()},
              {"name", e.name},
              {"billing_account_id", e.billing_account.str()},
              {"owner", e.owner.str()},
              {"session_timeout_minutes", e.session_timeout_minutes}};
    put(body, "description", e.description);
    return body;
}

json body_of(const project_member_set& e) {
    json body{
        {"tenant_id", e.id.str()}, {"user_id", e.user.str()}, {"role", to_string(e.member_role)}};
    put(body, "previous_role", e.previous);
    return body;
}

json body_of(const project_member_removed& e) {
    return {{"tenant_id", e.id.str()}, {"user_id", e.user.str()}};
}

json body_of(const project_product_set& e) {
    json limits = json::array();
    for (const auto& [name, limit] : e.setting.limits) {
        limits.push_back({{"name", name}, {"limit", limit}});
    }
    return {{"tenant_id", e.id.str()},
            {"product", to_string(e.which)},
            {"enabled", e.setting.enabled},
            {"limits", std::move(limits)}};
}

json body_of(const project_settings_updated& e) {
    json body{{"tenant_id", e.id.str()}};
    put(body, "name", e.name);
    put_patch(body, "description", e.description);
    if (e.session_timeout_minutes) {
        body["session_timeout_minutes"] = *e.session_timeout_minutes;
    }
    if (e.branding) {
        body["branding"] = branding_body(*e.branding);
    }
    return body;
}

std::uint32_t read_u32(json_reader& in, std::string_view key) {
    const auto value = in.large_count(key);
    if (value > std::numeric_limits<std::uint32_t>::max()) {
        in.fail(key, "is too large");
    }
    return static_cast<std::uint32_t>(value);
}

project_event read_created(json_reader& in) {
    return project_created{
        .id = tenant_id{in.text("tenant_id")},
        .name = in.text("name"),
        .description = in.optional_text("description"),
        .billing_account = billing_account_id{in.text("billing_account_id")},
        .owner = user_id{in.text("owner")},
        .session_timeout_minutes = read_u32(in, "session_timeout_minutes"),
    };
}

project_event read_member_set(json_reader& in) {
    return project_member_set{
        .id = tenant_id{in.text("tenant_id")},
        .user = user_id{in.text("user_id")},
        .member_role = in.code("role", parse_role),
        .previous = in.optional_code("previous_role", parse_role),
    };
}

project_event read_member_removed(json_reader& in) {
    return project_member_removed{tenant_id{in.text("tenant_id")}, user_id{in.text("user_id")}};
}

project_event read_product_set(json_reader& in) {
    project_product_set e{
        .id = tenant_id{in.text("tenant_id")},
        .which = in.code("product", parse_product),
        .setting = {.enabled = in.flag("enabled"), .limits = {}},
    };
    const auto limits = in.object_list("limits", [](json_reader& item) {
        return std::pair{item.text("name"), read_u32(item, "limit")};
    });
    e.setting.limits.insert(limits.begin(), limits.end());
    return e;
}

branding read_branding(json_reader& in) {
    return branding{
        .logo_url = in.optional_text("logo_url"),
        .primary_color = in.optional_text("primary_color"),
        .secondary_color = in.optional_text("secondary_color"),
        .company_name = in.optional_text("company_name"),
    };
}

project_event read_settings_updated(json_reader& in) {
    project_settings_updated e{
        .id = tenant_id{in.text("tenant_id")},
        .name = in.optional_text("name"),
        .description = in.patch_text("description"),
        .session_timeout_minutes = std::nullopt,
        .branding = std::nullopt,
    };
    if (in.optional_large_count("session_timeout_minutes")) {
        e.session_timeout_minutes = read_u32(in, "session_timeout_minutes");
    }
    if (auto nested = in.optional_object("branding")) {
        e.branding = read_branding(*nested);
        in.absorb(*nested);
    }
    return e;
}

constexpr std::array<project_event (*)(json_reader&), 5> readers{
    read_created, read_member_set, read_member_removed, read_product_set, read_settings_updated};

} // namespace

std::string_view event_type(const project_event& e) noexcept {
    return names[e.index()].type;
}

std::string_view event_schema(const project_event& e) noexcept {
    return names[e.index()].schema;
}

bool is_project_event_type(std::string_view type) noexcept {
    return parse_type(type).has_value();
}

std::string encode_json(const project_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

std::expected<project_event, std::string> decode_project_event(std::string_view type,
                                                               std::string_view json_text) {
    return detail::decode_versioned(type, json_text, parse_type, readers);
}

} // namespace ventros::domain
