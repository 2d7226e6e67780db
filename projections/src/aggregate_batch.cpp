#include "aggregate_batch.hpp"

#include "ventros/domain/time.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::projections::detail {

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string row_key(const std::string& tenant, const std::string& aggregate_id) {
    return tenant + '\0' + lower(aggregate_id);
}

std::expected<version_step, std::string> next_version_step(std::int64_t row_version,
                                                           std::uint32_t event_version) {
    const auto version = static_cast<std::int64_t>(event_version);
    if (version <= row_version) {
        return version_step::already_applied;
    }
    if (version != row_version + 1) {
        return std::unexpected("version gap: row at version " + std::to_string(row_version) +
                               ", event has version " + std::to_string(version));
    }
    return version_step::apply;
}

std::expected<std::string, std::string> event_time(const decoded_event& e) {
    const auto time = domain::parse_rfc3339(e.attributes.time);
    if (!time) {
        return std::unexpected("ce_time is not RFC 3339: " + e.attributes.time);
    }
    return domain::format_rfc3339(*time);
}

nlohmann::json journal_row(const decoded_event& e, const journal_subject& subject,
                           std::string_view type, std::string_view data_json) {
    using nlohmann::json;
    return {{"tenant_id", subject.tenant_id},
            {std::string(subject.id_column), subject.id},
            {"version", subject.version},
            {"event_id", e.attributes.id},
            {"type", type},
            {"occurred_at", subject.occurred_at},
            {"actor", e.attributes.actor.empty() ? json(nullptr) : json(e.attributes.actor)},
            {"data", json::parse(data_json)},
            {"topic", e.topic},
            {"partition", e.partition},
            {"offset", e.offset}};
}

std::string insert_from_json_sql(const std::string& table) {
    return "INSERT INTO " + table + " AS t SELECT * FROM jsonb_populate_recordset(NULL::" + table +
           ", $1::jsonb)";
}

std::string upsert_from_json_sql(const std::string& table, const std::vector<std::string>& key,
                                 const std::vector<std::string>& columns) {
    std::string conflict;
    for (const auto& k : key) {
        conflict += conflict.empty() ? "" : ", ";
        conflict += k;
    }
    std::string updates;
    for (const auto& c : columns) {
        if (std::ranges::find(key, c) == key.end()) {
            updates += updates.empty() ? "" : ", ";
            updates += c + " = excluded." + c;
        }
    }
    return insert_from_json_sql(table) + " ON CONFLICT (" + conflict + ") DO UPDATE SET " +
           updates + " WHERE t.version < excluded.version";
}

} // namespace ventros::projections::detail
