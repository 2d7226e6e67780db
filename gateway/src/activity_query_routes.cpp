#include "lead_routes_internal.hpp"
#include "query_support.hpp"
#include "ventros/domain/activity.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/time.hpp"
#include "ventros/gateway/write_problems.hpp"
#include "ventros/projections/activity_queries.hpp"

#include <algorithm>
#include <cctype>

namespace ventros::gateway {
namespace {

constexpr std::string_view cursor_kind = "activity";

/// A UUID query parameter, lower-cased as the read model stores it.
std::expected<std::optional<std::string>, problem> uuid_query(const request_context& ctx,
                                                              const std::string& name) {
    auto value = query(ctx, name);
    if (value && !domain::is_uuid(*value)) {
        return std::unexpected(invalid_query(name, "is not a UUID"));
    }
    if (value) {
        std::ranges::transform(*value, value->begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    return value;
}

/// The filters of GET /activities, or the first invalid one.
std::expected<projections::activity_filter, problem>
activity_filter_of(const request_context& ctx) {
    projections::activity_filter filter;
    filter.assignee_id = query(ctx, "assignee");
    if (const auto open = query(ctx, "open")) {
        if (*open != "true" && *open != "false") {
            return std::unexpected(invalid_query("open", "must be true or false"));
        }
        filter.open = *open == "true";
    }
    if (const auto due_before = query(ctx, "due_before")) {
        const auto at = domain::parse_rfc3339(*due_before);
        if (!at) {
            return std::unexpected(invalid_query("due_before", "must be an RFC 3339 date-time"));
        }
        filter.due_before = domain::format_rfc3339(*at);
    }
    for (const auto& [name, id] :
         {std::pair{"lead_id", &filter.lead_id}, std::pair{"deal_id", &filter.deal_id},
          std::pair{"contact_id", &filter.contact_id}}) {
        auto value = uuid_query(ctx, name);
        if (!value) {
            return std::unexpected(std::move(value.error()));
        }
        *id = std::move(*value);
    }
    filter.kind = query(ctx, "kind");
    if (filter.kind && !domain::parse_activity_kind(*filter.kind)) {
        return std::unexpected(invalid_query("kind", "must be call, email, meeting, task or note"));
    }
    auto limit = limit_query(ctx);
    if (!limit) {
        return std::unexpected(std::move(limit.error()));
    }
    filter.limit = *limit;
    if (const auto cursor = query(ctx, "cursor")) {
        const auto text = decode_cursor(cursor_kind, *cursor);
        filter.after = text ? projections::parse_activity_position(*text) : std::nullopt;
        if (!filter.after) {
            return std::unexpected(invalid_query("cursor", "is not a cursor of this list"));
        }
    }
    return filter;
}

list_target activities_list() {
    return {{"assignee", "open", "due_before", "lead_id", "deal_id", "contact_id", "kind", "limit",
             "cursor", "consistency"},
            {"activities"},
            std::string(cursor_kind)};
}

read_target activity_target() {
    return {"activity_id", {"activities"}, domain_error_problem(domain::activity_error::not_found)};
}

} // namespace

void add_activity_query_routes(router& r, lead_routes_context& routes) {
    const std::string activities = "/v1/tenants/{tenant_id}/activities";
    r.add(http::verb::get, activities, [&routes](request_context& ctx) {
        return get_page<projections::activity_filter>(
            ctx, routes, activities_list(), activity_filter_of, projections::list_activities);
    });
    r.add(http::verb::get, activities + "/{activity_id}", [&routes](request_context& ctx) {
        return get_by_id(ctx, routes, activity_target(), projections::find_activity);
    });
    r.add(http::verb::get, activities + "/{activity_id}/events", [&routes](request_context& ctx) {
        return get_events(ctx, routes, activity_target(), "activity-event",
                          projections::find_activity, projections::list_activity_events);
    });
}

} // namespace ventros::gateway
