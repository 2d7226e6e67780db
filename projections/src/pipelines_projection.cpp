#include "ventros/projections/pipelines_projection.hpp"

#include "aggregate_batch.hpp"

#include <nlohmann/json.hpp>

namespace ventros::projections {
namespace {

using detail::version_step;
using nlohmann::json;

/// A `pipelines` row: the pipeline as the write side folds it, plus its tenant and times
/// (PostgreSQL text input, so a row loaded as text is written back as is).
struct pipeline_row {
    std::string tenant_id;
    domain::pipeline_state pipeline;
    std::string created_at;
    std::string updated_at;
};

const std::vector<std::string> pipeline_columns{"tenant_id",  "pipeline_id", "name",
                                                "is_default", "stages",      "version",
                                                "created_at", "updated_at"};

pipeline_row pipeline_row_of(const pqxx::row& r) {
    pipeline_row row{.tenant_id = r["tenant_id"].c_str(),
                     .pipeline = {.id = domain::pipeline_id(r["pipeline_id"].c_str()),
                                  .name = r["name"].c_str(),
                                  .is_default = r["is_default"].as<bool>(),
                                  .version = r["version"].as<std::uint32_t>()},
                     .created_at = r["created_at"].c_str(),
                     .updated_at = r["updated_at"].c_str()};
    for (const auto& stage : json::parse(r["stages"].c_str())) {
        row.pipeline.stages.push_back(
            {stage.at("id"), stage.at("name"), stage.at("probability").get<int>()});
    }
    return row;
}

json to_json(const pipeline_row& row) {
    auto stages = json::array();
    for (const auto& stage : row.pipeline.stages) {
        stages.push_back(
            {{"id", stage.id}, {"name", stage.name}, {"probability", stage.probability}});
    }
    return {{"tenant_id", row.tenant_id},   {"pipeline_id", row.pipeline.id.str()},
            {"name", row.pipeline.name},    {"is_default", row.pipeline.is_default},
            {"stages", std::move(stages)},  {"version", row.pipeline.version},
            {"created_at", row.created_at}, {"updated_at", row.updated_at}};
}

/// Applies one pipeline event to its row (`nullopt`: no row yet) when it is the row's
/// next version, with the domain's `evolve`; otherwise as fold_deal_row.
std::expected<version_step, std::string> fold_pipeline_row(std::optional<pipeline_row>& row,
                                                           const decoded_event& e,
                                                           const domain::pipeline_event& event) {
    const auto& id = domain::subject_of(event).str();
    if (!domain::is_uuid(id)) {
        return std::unexpected("pipeline id is not a UUID: " + id);
    }
    if (e.attributes.tenant_id.empty()) {
        return std::unexpected(std::string("event has no tenant"));
    }
    const auto at = detail::event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step =
        detail::next_version_step(row ? row->pipeline.version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const bool created = std::holds_alternative<domain::pipeline_created>(event);
    if (!row && !created) {
        return std::unexpected(std::string("first event of a pipeline is not pipeline.created"));
    }
    if (row && created) {
        return std::unexpected(std::string("pipeline.created for a pipeline that already exists"));
    }
    if (!row) {
        row = pipeline_row{.tenant_id = e.attributes.tenant_id, .created_at = *at};
    }
    const auto evolved =
        domain::evolve(created ? std::nullopt : std::optional(row->pipeline), event);
    row->pipeline = evolved;
    row->pipeline.id = domain::pipeline_id(detail::lower(id));
    row->pipeline.version = e.attributes.aggregate_version;
    row->updated_at = *at;
    return version_step::apply;
}

struct pipeline_rows {
    using event = domain::pipeline_event;
    using row = pipeline_row;
    static constexpr const char* id_column = "pipeline_id";
    static row row_of(const pqxx::row& r) { return pipeline_row_of(r); }
    static const std::string& id_of(const row& r) { return r.pipeline.id.str(); }
    static auto fold(std::optional<row>& r, const decoded_event& e, const event& event) {
        return fold_pipeline_row(r, e, event);
    }
};

} // namespace

apply_result pipelines_projection::apply(pqxx::transaction_base& tx,
                                         std::span<const decoded_event> events,
                                         const table_names& tables) const {
    apply_result result;
    detail::rows_by_key<pipeline_row> rows;
    const auto changed = detail::fold_batch<pipeline_rows>(
        tx, events, tx.quote_name(tables["pipelines"]), rows, result,
        [](const decoded_event&, const domain::pipeline_event&, const pipeline_row&) {});
    if (changed.empty()) {
        return result;
    }
    auto changed_rows = json::array();
    for (const auto* row : changed) {
        changed_rows.push_back(to_json(*row));
    }
    tx.exec_params0(detail::upsert_from_json_sql(tx.quote_name(tables["pipelines"]),
                                                 {"tenant_id", "pipeline_id"}, pipeline_columns),
                    changed_rows.dump());
    return result;
}

} // namespace ventros::projections
