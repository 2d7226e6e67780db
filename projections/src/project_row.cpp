#include "tenancy_rows.hpp"

namespace ventros::projections::detail {
namespace {

using nlohmann::json;

json optional_text(const std::optional<std::string>& text) {
    return text ? json(*text) : json(nullptr);
}

std::optional<std::string> optional_text(const json& value) {
    return value.is_null() ? std::nullopt : std::optional(value.get<std::string>());
}

std::optional<std::string> optional_column(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str());
}

/// [{user_id, role}] in user id order.
json members_json(const std::map<domain::user_id, domain::role>& members) {
    auto out = json::array();
    for (const auto& [user, role] : members) {
        out.push_back({{"user_id", user.str()}, {"role", domain::to_string(role)}});
    }
    return out;
}

/// {crm: {enabled, limits: {name: n}}, ...}
json products_json(const std::map<domain::product, domain::product_setting>& products) {
    auto out = json::object();
    for (const auto& [which, setting] : products) {
        out[std::string(domain::to_string(which))] = {{"enabled", setting.enabled},
                                                      {"limits", setting.limits}};
    }
    return out;
}

json branding_json(const domain::branding& b) {
    return {{"logo_url", optional_text(b.logo_url)},
            {"primary_color", optional_text(b.primary_color)},
            {"secondary_color", optional_text(b.secondary_color)},
            {"company_name", optional_text(b.company_name)}};
}

/// Reads back what the functions above wrote (throws on anything else: the table is
/// only written by this projection).
void read_json_columns(const pqxx::row& r, domain::project_state& p) {
    for (const auto& member : json::parse(r["members"].c_str())) {
        p.members.emplace(domain::user_id(member.at("user_id").get<std::string>()),
                          domain::parse_role(member.at("role").get<std::string>()).value());
    }
    const auto products = json::parse(r["products"].c_str());
    for (const auto& [name, setting] : products.items()) {
        p.products.emplace(
            domain::parse_product(name).value(),
            domain::product_setting{.enabled = setting.at("enabled").get<bool>(),
                                    .limits = setting.at("limits").get<domain::product_limits>()});
    }
    const auto branding = json::parse(r["branding"].c_str());
    p.branding = {.logo_url = optional_text(branding.at("logo_url")),
                  .primary_color = optional_text(branding.at("primary_color")),
                  .secondary_color = optional_text(branding.at("secondary_color")),
                  .company_name = optional_text(branding.at("company_name"))};
}

} // namespace

const std::vector<std::string>& project_columns() {
    static const std::vector<std::string> columns{"tenant_id",   "name",
                                                  "description", "billing_account_id",
                                                  "owner",       "session_timeout_minutes",
                                                  "members",     "products",
                                                  "branding",    "version",
                                                  "created_at",  "updated_at"};
    return columns;
}

project_row project_row_of(const pqxx::row& r) {
    project_row row{
        .project = {.id = domain::tenant_id(r["tenant_id"].c_str()),
                    .name = r["name"].c_str(),
                    .description = optional_column(r["description"]),
                    .billing_account = domain::billing_account_id(r["billing_account_id"].c_str()),
                    .owner = domain::user_id(r["owner"].c_str()),
                    .session_timeout_minutes = r["session_timeout_minutes"].as<std::uint32_t>(),
                    .version = r["version"].as<std::uint32_t>()},
        .created_at = r["created_at"].c_str(),
        .updated_at = r["updated_at"].c_str()};
    read_json_columns(r, row.project);
    return row;
}

json to_json(const project_row& row) {
    const auto& p = row.project;
    return {{"tenant_id", p.id.str()},
            {"name", p.name},
            {"description", optional_text(p.description)},
            {"billing_account_id", p.billing_account.str()},
            {"owner", p.owner.str()},
            {"session_timeout_minutes", p.session_timeout_minutes},
            {"members", members_json(p.members)},
            {"products", products_json(p.products)},
            {"branding", branding_json(p.branding)},
            {"version", p.version},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at}};
}

std::expected<version_step, std::string> fold_project_row(std::optional<project_row>& row,
                                                          const decoded_event& e,
                                                          const domain::project_event& event) {
    const auto& id = domain::subject_of(event).str();
    if (!domain::is_valid_tenant_slug(id)) {
        return std::unexpected("tenant id is not a valid slug: " + id);
    }
    if (e.attributes.tenant_id != id) {
        return std::unexpected("project event of tenant " + id + " has ce_tenantid " +
                               e.attributes.tenant_id);
    }
    const auto at = event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step =
        next_version_step(row ? row->project.version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const bool created = std::holds_alternative<domain::project_created>(event);
    if (!row && !created) {
        return std::unexpected(std::string("first event of a project is not project.created"));
    }
    if (row && created) {
        return std::unexpected(std::string("project.created for a project that already exists"));
    }
    if (!row) {
        row = project_row{.created_at = *at};
    }
    row->project = domain::evolve(created ? std::nullopt : std::optional(row->project), event);
    row->project.version = e.attributes.aggregate_version;
    row->updated_at = *at;
    return version_step::apply;
}

} // namespace ventros::projections::detail
