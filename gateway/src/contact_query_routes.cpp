#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/contact_queries.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::gateway {
namespace {

constexpr std::size_t max_prefix = 200;

/// A text parameter trimmed and lower-cased (as the write side stores emails and domains).
std::optional<std::string> normalized_query(const request_context& ctx, const std::string& name) {
    auto text = query(ctx, name);
    if (text) {
        const auto first = text->find_first_not_of(" \t");
        const auto last = text->find_last_not_of(" \t");
        *text = first == std::string::npos ? "" : text->substr(first, last - first + 1);
        std::ranges::transform(*text, text->begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    return text;
}

/// `q`, at most 200 bytes.
std::expected<std::optional<std::string>, problem> prefix_query(const request_context& ctx) {
    auto q = query(ctx, "q");
    if (q && q->size() > max_prefix) {
        return std::unexpected(invalid_query("q", "must be at most 200 bytes"));
    }
    return q;
}

/// The filters of GET /contacts, or the first invalid one.
std::expected<projections::contact_filter, problem> contact_filter_of(const request_context& ctx) {
    projections::contact_filter filter;
    auto q = prefix_query(ctx);
    auto limit = limit_query(ctx);
    auto after = id_cursor(ctx, "contact");
    if (!q || !limit || !after) {
        return std::unexpected(!q ? q.error() : !limit ? limit.error() : after.error());
    }
    filter.q = std::move(*q);
    filter.limit = *limit;
    filter.after_contact_id = std::move(*after);
    filter.company_id = query(ctx, "company_id");
    if (filter.company_id && !domain::is_uuid(*filter.company_id)) {
        return std::unexpected(invalid_query("company_id", "is not a company id"));
    }
    filter.email = normalized_query(ctx, "email");
    return filter;
}

/// The filters of GET /companies, or the first invalid one.
std::expected<projections::company_filter, problem> company_filter_of(const request_context& ctx) {
    projections::company_filter filter;
    auto q = prefix_query(ctx);
    auto limit = limit_query(ctx);
    auto after = id_cursor(ctx, "company");
    if (!q || !limit || !after) {
        return std::unexpected(!q ? q.error() : !limit ? limit.error() : after.error());
    }
    filter.q = std::move(*q);
    filter.limit = *limit;
    filter.after_company_id = std::move(*after);
    filter.domain = normalized_query(ctx, "domain");
    return filter;
}

list_target contacts_list() {
    return {
        {"q", "company_id", "email", "limit", "cursor", "consistency"}, {"contacts"}, "contact"};
}

list_target companies_list() {
    return {{"q", "domain", "limit", "cursor", "consistency"}, {"contacts"}, "company"};
}

read_target contact_target() {
    return {"contact_id",
            {"contacts"},
            domain_error_problem(domain::contact_refusal(domain::contact_error::not_found))};
}

read_target company_target() {
    return {"company_id",
            {"contacts"},
            domain_error_problem(domain::company_refusal(domain::company_error::not_found))};
}

} // namespace

void add_contact_query_routes(router& r, lead_routes_context& routes) {
    const std::string contacts = "/v1/tenants/{tenant_id}/contacts";
    r.add(http::verb::get, contacts, [&routes](request_context& ctx) {
        return get_page<projections::contact_filter>(ctx, routes, contacts_list(),
                                                     contact_filter_of, projections::list_contacts);
    });
    r.add(http::verb::get, contacts + "/{contact_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, contact_target(), projections::find_contact);
    });
    r.add(http::verb::get, contacts + "/{contact_id}/events", [&routes](request_context& ctx) {
        return get_events(ctx, routes, contact_target(), "contact-event", projections::find_contact,
                          projections::list_contact_events);
    });

    const std::string companies = "/v1/tenants/{tenant_id}/companies";
    r.add(http::verb::get, companies, [&routes](request_context& ctx) {
        return get_page<projections::company_filter>(
            ctx, routes, companies_list(), company_filter_of, projections::list_companies);
    });
    r.add(http::verb::get, companies + "/{company_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, company_target(), projections::find_company);
    });
    r.add(http::verb::get, companies + "/{company_id}/events", [&routes](request_context& ctx) {
        return get_events(ctx, routes, company_target(), "company-event", projections::find_company,
                          projections::list_company_events);
    });
}

} // namespace ventros::gateway
