#include "ventros/eventlog/cloud_event.hpp"

#include <charconv>
#include <string_view>

namespace ventros::eventlog {

namespace {

constexpr std::string_view spec_version = "1.0";

// Optional attributes: absent headers decode as empty strings.
struct optional_field {
    std::string_view header;
    std::string cloud_event_attributes::*field;
};

constexpr optional_field optional_fields[] = {
    {"ce_time", &cloud_event_attributes::time},
    {"ce_subject", &cloud_event_attributes::subject},
    {"ce_dataschema", &cloud_event_attributes::dataschema},
    {"ce_commandid", &cloud_event_attributes::command_id},
    {"ce_requesthash", &cloud_event_attributes::request_hash},
    {"ce_correlationid", &cloud_event_attributes::correlation_id},
    {"ce_causationid", &cloud_event_attributes::causation_id},
    {"ce_actor", &cloud_event_attributes::actor},
};

constexpr optional_field required_fields[] = {
    {"ce_id", &cloud_event_attributes::id},
    {"ce_source", &cloud_event_attributes::source},
    {"ce_type", &cloud_event_attributes::type},
    {"ce_tenantid", &cloud_event_attributes::tenant_id},
    {"ce_aggregateid", &cloud_event_attributes::aggregate_id},
};

std::string missing(std::string_view header) {
    return "missing required header " + std::string{header};
}

} // namespace

headers encode_headers(const cloud_event_attributes& attributes) {
    headers hs;
    hs.reserve(16);
    hs.push_back({"ce_specversion", std::string{spec_version}});
    for (const auto& f : required_fields) {
        hs.push_back({std::string{f.header}, attributes.*f.field});
    }
    hs.push_back({"ce_aggregateversion", std::to_string(attributes.aggregate_version)});
    for (const auto& f : optional_fields) {
        hs.push_back({std::string{f.header}, attributes.*f.field});
    }
    hs.push_back({"content-type", "application/json"});
    return hs;
}

std::expected<cloud_event_attributes, std::string> decode_headers(const headers& hs) {
    const auto version = find_header(hs, "ce_specversion");
    if (!version) {
        return std::unexpected{missing("ce_specversion")};
    }
    if (*version != spec_version) {
        return std::unexpected{"unsupported ce_specversion '" + std::string{*version} + "'"};
    }
    cloud_event_attributes out;
    for (const auto& f : required_fields) {
        const auto value = find_header(hs, f.header);
        if (!value) {
            return std::unexpected{missing(f.header)};
        }
        out.*f.field = *value;
    }
    const auto aggregate_version = find_header(hs, "ce_aggregateversion");
    if (!aggregate_version) {
        return std::unexpected{missing("ce_aggregateversion")};
    }
    const auto* first = aggregate_version->data();
    const auto* last = first + aggregate_version->size();
    const auto [end, ec] = std::from_chars(first, last, out.aggregate_version);
    if (ec != std::errc{} || end != last || first == last) {
        return std::unexpected{"malformed ce_aggregateversion '" + std::string{*aggregate_version} +
                               "'"};
    }
    for (const auto& f : optional_fields) {
        if (const auto value = find_header(hs, f.header)) {
            out.*f.field = *value;
        }
    }
    return out;
}

} // namespace ventros::eventlog
