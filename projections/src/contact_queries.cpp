#include "ventros/projections/contact_queries.hpp"

#include "query_text.hpp"
#include "ventros/domain/ids.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

namespace ventros::projections {
namespace {

using detail::param;
using detail::rfc3339;
using nlohmann::json;

// PostgreSQL builds each item, so a page is one query whatever its size.
std::string contact_object() {
    return "json_build_object('id', contact_id, 'name', name, 'email', email, 'phone', phone, "
           "'position', position, 'company_id', company_id, 'lead_ids', lead_ids, "
           "'deal_ids', deal_ids, 'merged_into', merged_into, 'created_by', created_by, "
           "'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") +
           ", 'version', version)";
}

std::string company_object() {
    return "json_build_object('id', company_id, 'name', name, 'domain', domain, "
           "'industry', industry, 'size', size, 'created_by', created_by, 'created_at', " +
           rfc3339("created_at") + ", 'updated_at', " + rfc3339("updated_at") +
           ", 'version', version)";
}

void check_uuids(std::initializer_list<const std::optional<std::string>*> ids) {
    for (const auto* id : ids) {
        if (*id && !domain::is_uuid(**id)) {
            throw std::invalid_argument("filter id is not a UUID: " + **id);
        }
    }
}

/// The LIKE pattern of a prefix, or NULL.
std::optional<std::string> prefix_pattern(const std::optional<std::string>& prefix) {
    return prefix ? std::optional(detail::like_escape(*prefix) + "%") : std::nullopt;
}

} // namespace

record_page list_contacts(pqxx::transaction_base& tx, const contact_filter& filter) {
    check_uuids({&filter.company_id, &filter.after_contact_id});
    const int limit = std::clamp(filter.limit, 1, detail::max_page_size);
    const auto pattern = prefix_pattern(filter.q);
    const auto rows = tx.exec_params(
        "SELECT contact_id::text, " + contact_object() +
            "::text FROM contacts "
            "WHERE tenant_id = $1 AND merged_into IS NULL "
            "AND ($2::text IS NULL OR lower(name) LIKE lower($2) OR email LIKE lower($2)) "
            "AND ($3::uuid IS NULL OR company_id = $3::uuid) "
            "AND ($4::text IS NULL OR email = lower($4)) "
            "AND ($5::uuid IS NULL OR contact_id < $5::uuid) "
            "ORDER BY contact_id DESC LIMIT $6",
        filter.tenant_id, param(pattern), param(filter.company_id), param(filter.email),
        param(filter.after_contact_id), limit + 1);
    auto page = detail::page_of(rows, limit);
    return {std::move(page.items), std::move(page.last_id)};
}

record_page list_companies(pqxx::transaction_base& tx, const company_filter& filter) {
    check_uuids({&filter.after_company_id});
    const int limit = std::clamp(filter.limit, 1, detail::max_page_size);
    const auto pattern = prefix_pattern(filter.q);
    const auto rows = tx.exec_params(
        "SELECT company_id::text, " + company_object() +
            "::text FROM companies "
            "WHERE tenant_id = $1 "
            "AND ($2::text IS NULL OR lower(name) LIKE lower($2) OR domain LIKE lower($2)) "
            "AND ($3::text IS NULL OR domain = lower($3)) "
            "AND ($4::uuid IS NULL OR company_id < $4::uuid) "
            "ORDER BY company_id DESC LIMIT $5",
        filter.tenant_id, param(pattern), param(filter.domain), param(filter.after_company_id),
        limit + 1);
    auto page = detail::page_of(rows, limit);
    return {std::move(page.items), std::move(page.last_id)};
}

std::optional<json> find_contact(pqxx::transaction_base& tx, const std::string& tenant_id,
                                 const std::string& id) {
    return detail::find_object(tx, contact_object(), "contacts", "contact_id", tenant_id, id);
}

std::optional<json> find_company(pqxx::transaction_base& tx, const std::string& tenant_id,
                                 const std::string& id) {
    return detail::find_object(tx, company_object(), "companies", "company_id", tenant_id, id);
}

json list_contact_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                         const std::string& contact_id, int limit,
                         std::optional<int> after_version) {
    return detail::list_journal(tx, "contact_events", "contact_id", tenant_id, contact_id, limit,
                                after_version);
}

json list_company_events(pqxx::transaction_base& tx, const std::string& tenant_id,
                         const std::string& company_id, int limit,
                         std::optional<int> after_version) {
    return detail::list_journal(tx, "company_events", "company_id", tenant_id, company_id, limit,
                                after_version);
}

} // namespace ventros::projections
