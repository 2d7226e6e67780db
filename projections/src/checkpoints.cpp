#include "ventros/projections/checkpoints.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace ventros::projections {

std::string projection_lock_key(const std::string& projection) {
    return "projection:" + projection;
}

positions read_checkpoints(pqxx::transaction_base& tx, const std::string& projection,
                           const std::vector<std::string>& topics) {
    positions found;
    const auto rows = tx.exec_params(
        "SELECT topic, partition, next_offset FROM projection_checkpoints "
        "WHERE projection = $1 AND topic IN (SELECT json_array_elements_text($2::json))",
        projection, nlohmann::json(topics).dump());
    for (const auto& row : rows) {
        found[{row[0].as<std::string>(), row[1].as<std::int32_t>()}] = row[2].as<std::int64_t>();
    }
    return found;
}

void save_checkpoints(pqxx::transaction_base& tx, const std::string& projection,
                      const positions& next) {
    if (next.empty()) {
        return;
    }
    auto rows = nlohmann::json::array();
    std::map<std::string, nlohmann::json> by_topic;
    for (const auto& [where, offset] : next) {
        rows.push_back({{"topic", where.first}, {"partition", where.second}, {"next", offset}});
        by_topic[where.first][std::to_string(where.second)] = offset;
    }
    // Monotonic: a stale batch (e.g. after losing the partitions) never moves one back.
    tx.exec_params0(
        "INSERT INTO projection_checkpoints AS c (projection, topic, partition, next_offset) "
        "SELECT $1, r.topic, r.partition, r.next "
        "FROM json_to_recordset($2::json) AS r(topic text, partition int, next bigint) "
        "ON CONFLICT (projection, topic, partition) DO UPDATE "
        "SET next_offset = EXCLUDED.next_offset, updated_at = now() "
        "WHERE c.next_offset < EXCLUDED.next_offset",
        projection, rows.dump());
    for (const auto& [topic, partitions] : by_topic) {
        const nlohmann::json payload = {
            {"projection", projection}, {"topic", topic}, {"positions", partitions}};
        tx.exec_params("SELECT pg_notify($1, $2)", checkpoint_channel, payload.dump());
    }
}

} // namespace ventros::projections
