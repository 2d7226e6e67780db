#include "contact_rows.hpp"

#include "row_columns.hpp"
#include "ventros/domain/company_codec.hpp"
#include "ventros/domain/contact_codec.hpp"
#include "ventros/domain/overloaded.hpp"

#include <pqxx/pqxx>

namespace ventros::projections::detail {
namespace {

using nlohmann::json;

template <class Id>
std::optional<Id> optional_id(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<Id>(f.c_str());
}

/// An optional enum (as its code) or id; optional texts take row_columns.hpp's `nullable`.
template <class Value>
json nullable(const std::optional<Value>& value) {
    if constexpr (std::is_enum_v<Value>) {
        return value ? json(std::string(domain::to_string(*value))) : json(nullptr);
    } else {
        return value ? json(value->str()) : json(nullptr);
    }
}

/// The elements of a `uuid[]` printed by PostgreSQL: `{a,b}` (UUIDs need no quoting).
std::vector<std::string> uuid_list(const pqxx::field& f) {
    std::string_view text = f.c_str();
    std::vector<std::string> ids;
    if (text.size() <= 2) {
        return ids;
    }
    text = text.substr(1, text.size() - 2);
    for (std::size_t from = 0; from <= text.size();) {
        const auto comma = std::min(text.find(',', from), text.size());
        ids.emplace_back(text.substr(from, comma - from));
        from = comma + 1;
    }
    return ids;
}

/// Every id an event carries that a uuid column will hold.
std::vector<std::string> ids_in(const domain::contact_event& event) {
    std::vector<std::string> ids{domain::subject_of(event).str()};
    const auto add_link = [&ids](const domain::contact_link& link) {
        std::visit([&ids](const auto& id) { ids.push_back(id.str()); }, link);
    };
    const auto add_company = [&ids](const std::optional<domain::company_id>& company) {
        if (company) {
            ids.push_back(company->str());
        }
    };
    std::visit(domain::overloaded{
                   [&](const domain::contact_created& e) { add_company(e.company); },
                   [&](const domain::contact_updated& e) {
                       add_company(e.company.value_or(std::nullopt));
                   },
                   [&](const domain::contact_linked& e) { add_link(e.link); },
                   [&](const domain::contact_unlinked& e) { add_link(e.link); },
                   [&](const domain::contact_merged& e) { ids.push_back(e.into.str()); },
                   [&](const domain::contact_absorbed& e) {
                       ids.push_back(e.absorbed.str());
                       add_company(e.company);
                       for (const auto& link : e.links) {
                           add_link(link);
                       }
                   },
               },
               event);
    return ids;
}

std::vector<std::string> ids_in(const domain::company_event& event) {
    return {domain::subject_of(event).str()};
}

/// Ids as the table prints them: lower case.
domain::contact_link lower_link(const domain::contact_link& link) {
    return std::visit(
        [](const auto& id) -> domain::contact_link {
            return std::decay_t<decltype(id)>(lower(id.str()));
        },
        link);
}

void lower_ids(domain::contact_state& contact) {
    contact.id = domain::contact_id(lower(contact.id.str()));
    if (contact.company) {
        contact.company = domain::company_id(lower(contact.company->str()));
    }
    if (contact.merged_into) {
        contact.merged_into = domain::contact_id(lower(contact.merged_into->str()));
    }
    for (auto& link : contact.links) {
        link = lower_link(link);
    }
}

void lower_ids(domain::company_state& company) {
    company.id = domain::company_id(lower(company.id.str()));
}

/// The fold both kinds share: checks, version step, then the domain's `evolve`.
template <class Created, class Row, class Event>
std::expected<version_step, std::string> fold_record_row(std::optional<Row>& row,
                                                         const decoded_event& e, const Event& event,
                                                         std::string_view kind) {
    for (const auto& id : ids_in(event)) {
        if (!domain::is_uuid(id)) {
            return std::unexpected(std::string(kind) + " event id is not a UUID: " + id);
        }
    }
    if (!domain::is_uuid(e.attributes.id)) {
        return std::unexpected("ce_id is not a UUID: " + e.attributes.id);
    }
    if (e.attributes.tenant_id.empty()) {
        return std::unexpected(std::string("event has no tenant"));
    }
    const auto at = event_time(e);
    if (!at) {
        return std::unexpected(at.error());
    }
    const auto step =
        next_version_step(row ? row->record.version : 0, e.attributes.aggregate_version);
    if (!step || *step == version_step::already_applied) {
        return step;
    }
    const bool created = std::holds_alternative<Created>(event);
    if (!row && !created) {
        return std::unexpected("first event of a " + std::string(kind) + " is not its creation");
    }
    if (row && created) {
        return std::unexpected("creation of a " + std::string(kind) + " that already exists");
    }
    if (!row) {
        row = Row{.tenant_id = e.attributes.tenant_id,
                  .record = {},
                  .created_by = e.attributes.actor,
                  .created_at = *at,
                  .updated_at = *at};
    }
    row->record = domain::evolve(created ? std::nullopt : std::optional(row->record), event);
    lower_ids(row->record);
    row->record.version = e.attributes.aggregate_version;
    row->updated_at = *at;
    return version_step::apply;
}

template <class Row, class Event>
json record_journal_row(const decoded_event& e, const Event& event, const Row& row,
                        std::string_view id_column) {
    return journal_row(e,
                       {.tenant_id = row.tenant_id,
                        .id_column = id_column,
                        .id = row.record.id.str(),
                        .version = row.record.version,
                        .occurred_at = row.updated_at},
                       domain::event_type(event), domain::encode_json(event));
}

} // namespace

const std::vector<std::string>& contact_columns() {
    static const std::vector<std::string> columns{
        "tenant_id",  "contact_id", "name",       "email",    "phone",
        "position",   "company_id", "lead_ids",   "deal_ids", "merged_into",
        "created_by", "created_at", "updated_at", "version"};
    return columns;
}

const std::vector<std::string>& company_columns() {
    static const std::vector<std::string> columns{
        "tenant_id", "company_id", "name",       "domain",     "industry",
        "size",      "created_by", "created_at", "updated_at", "version"};
    return columns;
}

contact_row contact_row_of(const pqxx::row& r) {
    contact_row row{.tenant_id = r["tenant_id"].c_str(),
                    .record = {.id = domain::contact_id(r["contact_id"].c_str()),
                               .name = r["name"].c_str(),
                               .email = optional_text(r["email"]),
                               .phone = optional_text(r["phone"]),
                               .position = optional_text(r["position"]),
                               .company = optional_id<domain::company_id>(r["company_id"]),
                               .links = {},
                               .merged_into = optional_id<domain::contact_id>(r["merged_into"]),
                               .version = r["version"].as<std::uint32_t>()},
                    .created_by = r["created_by"].c_str(),
                    .created_at = r["created_at"].c_str(),
                    .updated_at = r["updated_at"].c_str()};
    for (auto& lead : uuid_list(r["lead_ids"])) {
        row.record.links.emplace_back(domain::lead_id(std::move(lead)));
    }
    for (auto& deal : uuid_list(r["deal_ids"])) {
        row.record.links.emplace_back(domain::deal_id(std::move(deal)));
    }
    return row;
}

company_row company_row_of(const pqxx::row& r) {
    const auto size = optional_text(r["size"]);
    return {.tenant_id = r["tenant_id"].c_str(),
            .record = {.id = domain::company_id(r["company_id"].c_str()),
                       .name = r["name"].c_str(),
                       .domain = optional_text(r["domain"]),
                       .industry = optional_text(r["industry"]),
                       .size = size ? domain::parse_company_size(*size) : std::nullopt,
                       .version = r["version"].as<std::uint32_t>()},
            .created_by = r["created_by"].c_str(),
            .created_at = r["created_at"].c_str(),
            .updated_at = r["updated_at"].c_str()};
}

json to_json(const contact_row& row) {
    const auto& c = row.record;
    auto leads = json::array();
    auto deals = json::array();
    for (const auto& link : c.links) {
        std::visit(
            domain::overloaded{[&](const domain::lead_id& id) { leads.push_back(id.str()); },
                               [&](const domain::deal_id& id) { deals.push_back(id.str()); }},
            link);
    }
    return {{"tenant_id", row.tenant_id},
            {"contact_id", c.id.str()},
            {"name", c.name},
            {"email", nullable(c.email)},
            {"phone", nullable(c.phone)},
            {"position", nullable(c.position)},
            {"company_id", nullable(c.company)},
            {"lead_ids", std::move(leads)},
            {"deal_ids", std::move(deals)},
            {"merged_into", nullable(c.merged_into)},
            {"created_by", row.created_by},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at},
            {"version", c.version}};
}

json to_json(const company_row& row) {
    const auto& c = row.record;
    return {{"tenant_id", row.tenant_id},
            {"company_id", c.id.str()},
            {"name", c.name},
            {"domain", nullable(c.domain)},
            {"industry", nullable(c.industry)},
            {"size", nullable(c.size)},
            {"created_by", row.created_by},
            {"created_at", row.created_at},
            {"updated_at", row.updated_at},
            {"version", c.version}};
}

std::expected<version_step, std::string> fold_contact_row(std::optional<contact_row>& row,
                                                          const decoded_event& e,
                                                          const domain::contact_event& event) {
    return fold_record_row<domain::contact_created>(row, e, event, "contact");
}

std::expected<version_step, std::string> fold_company_row(std::optional<company_row>& row,
                                                          const decoded_event& e,
                                                          const domain::company_event& event) {
    return fold_record_row<domain::company_created>(row, e, event, "company");
}

json contact_journal_row(const decoded_event& e, const domain::contact_event& event,
                         const contact_row& row) {
    return record_journal_row(e, event, row, "contact_id");
}

json company_journal_row(const decoded_event& e, const domain::company_event& event,
                         const company_row& row) {
    return record_journal_row(e, event, row, "company_id");
}

} // namespace ventros::projections::detail
