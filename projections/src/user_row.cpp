#include "tenancy_rows.hpp"

namespace ventros::projections::detail {

using nlohmann::json;

const std::vector<std::string>& user_columns() {
    static const std::vector<std::string> columns{"user_id", "name", "email", "version",
                                                  "created_at"};
    return columns;
}

user_row user_row_of(const pqxx::row& r) {
    return {.user_id = domain::user_id(r["user_id"].c_str()),
            .name = r["name"].c_str(),
            .email = r["email"].c_str(),
            .version = r["version"].as<std::uint32_t>(),
            .created_at = r["created_at"].c_str()};
}

json to_json(const user_row& row) {
    return {{"user_id", row.user_id.str()},
            {"name", row.name},
            {"email", row.email},
            {"version", row.version},
            {"created_at", row.created_at}};
}

std::expected<version_step, std::string> fold_user_row(std::optional<user_row>& row,
                                                       const decoded_event& e,
                                                       const domain::user_event& event) {
    const auto& id = domain::subject_of(event).str();
    if (!domain::is_uuid(id)) {
        return std::unexpected("user id is not a UUID: " + id);
    }
    if (!e.attributes.tenant_id.empty()) {
        return std::unexpected("user event has a tenant: " + e.attributes.tenant_id);
    }
    const auto at = event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step = next_version_step(row ? row->version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    if (row) {
        return std::unexpected(std::string("user.registered for a user that already exists"));
    }
    // user.registered is the only user event (a new kind fails to compile here).
    const auto& registered = std::get<domain::user_registered>(event);
    static_assert(std::variant_size_v<domain::user_event> == 1);
    row = user_row{.user_id = domain::user_id(lower(id)),
                   .name = registered.name,
                   .email = registered.email,
                   .version = e.attributes.aggregate_version,
                   .created_at = *at};
    return version_step::apply;
}

} // namespace ventros::projections::detail
