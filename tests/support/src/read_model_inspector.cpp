#include "ventros/fault/read_model_inspector.hpp"

namespace ventros::fault {

read_model_inspector::read_model_inspector(const testing::stack& s) : conn_(s.admin_connection()) {}

std::string read_model_inspector::single_value(const std::string& sql) {
    pqxx::read_transaction tx(*conn_);
    const auto row = tx.exec1(sql);
    return row[0].is_null() ? std::string{} : row[0].as<std::string>();
}

std::map<lead_ref, std::uint32_t> read_model_inspector::lead_versions() {
    pqxx::read_transaction tx(*conn_);
    std::map<lead_ref, std::uint32_t> out;
    for (const auto& row : tx.exec("SELECT tenant_id, lead_id::text, version FROM leads")) {
        out[{row[0].as<std::string>(), row[1].as<std::string>()}] = row[2].as<std::uint32_t>();
    }
    return out;
}

std::map<lead_ref, journal_summary> read_model_inspector::journal() {
    pqxx::read_transaction tx(*conn_);
    std::map<lead_ref, journal_summary> out;
    for (const auto& row :
         tx.exec("SELECT tenant_id, lead_id::text, count(*), count(DISTINCT version), "
                 "min(version), max(version) FROM lead_events GROUP BY tenant_id, lead_id")) {
        out[{row[0].as<std::string>(), row[1].as<std::string>()}] = {
            row[2].as<std::int64_t>(), row[3].as<std::int64_t>(), row[4].as<std::int64_t>(),
            row[5].as<std::int64_t>()};
    }
    return out;
}

std::int64_t read_model_inspector::journal_rows() {
    return std::stoll(single_value("SELECT count(*) FROM lead_events"));
}

std::int64_t read_model_inspector::distinct_event_ids() {
    return std::stoll(single_value("SELECT count(DISTINCT event_id) FROM lead_events"));
}

std::string read_model_inspector::leads_digest() {
    return single_value(
        "SELECT md5(string_agg(t::text, '|' ORDER BY tenant_id, lead_id)) FROM leads t");
}

std::string read_model_inspector::journal_digest() {
    return single_value("SELECT md5(string_agg(e::text, '|' ORDER BY tenant_id, lead_id, "
                        "version)) FROM lead_events e");
}

std::int64_t read_model_inspector::checkpoint_total() {
    return std::stoll(single_value("SELECT coalesce(sum(next_offset), 0) FROM "
                                   "projection_checkpoints WHERE projection = 'leads'"));
}

std::vector<std::int64_t> read_model_inspector::checkpoints(const std::string& topic,
                                                            std::size_t partitions) {
    pqxx::read_transaction tx(*conn_);
    std::vector<std::int64_t> out(partitions, 0);
    for (const auto& row :
         tx.exec_params("SELECT partition, next_offset FROM projection_checkpoints "
                        "WHERE projection = 'leads' AND topic = $1",
                        topic)) {
        out.at(row[0].as<std::size_t>()) = row[1].as<std::int64_t>();
    }
    return out;
}

} // namespace ventros::fault
