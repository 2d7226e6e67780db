#include "poison.hpp"

#include "ventros/commands/uuid.hpp"
#include "ventros/domain/lead_codec.hpp"
#include "ventros/eventlog/cloud_event.hpp"
#include "ventros/eventlog/partitioner.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ventros::fault {
namespace {

/// Attributes of a well-formed lead.created event of a new lead.
eventlog::cloud_event_attributes created_attributes(const std::string& tenant) {
    eventlog::cloud_event_attributes a;
    a.id = commands::new_uuid_v7();
    a.type = "ventros.crm.lead.created.v1";
    a.time = "2026-03-01T10:00:00.000Z";
    a.aggregate_id = commands::new_uuid_v7();
    a.subject = "leads/" + a.aggregate_id;
    a.dataschema = "crm/lead.created.v1.json";
    a.tenant_id = tenant;
    a.aggregate_version = 1;
    a.command_id = a.id;
    a.correlation_id = a.id;
    a.causation_id = a.id;
    a.actor = "u-poison";
    return a;
}

/// A lead.created body as the domain encodes it, less the members in `drop`.
std::string created_body(const std::string& lead, const std::vector<std::string>& drop) {
    domain::lead_created e;
    e.id = domain::lead_id(lead);
    e.name = "Poison";
    e.source = domain::lead_source::web;
    e.created_by = domain::user_id("u-poison");
    auto body = nlohmann::json::parse(domain::encode_json(e));
    for (const auto& member : drop) {
        body.erase(member);
    }
    return body.dump();
}

} // namespace

std::vector<poison> poison_records(const std::string& topic, std::int32_t partitions,
                                   const std::string& tenant) {
    const auto partition = eventlog::partition_for_key(tenant, partitions);
    const auto record = [&](eventlog::headers hdrs, std::string value) {
        return eventlog::outgoing_record{topic, partition, tenant, std::move(value),
                                         std::move(hdrs)};
    };
    std::vector<poison> out;

    const auto bad_json = created_attributes(tenant);
    out.push_back({"invalid JSON", "bad_body",
                   record(eventlog::encode_headers(bad_json), "{\"lead_id\": \"")});

    auto unknown = created_attributes(tenant);
    unknown.type = "ventros.crm.lead.teleported.v1";
    out.push_back(
        {"unknown ce_type", "unknown_type",
         record(eventlog::encode_headers(unknown), created_body(unknown.aggregate_id, {}))});

    const auto nameless = created_attributes(tenant);
    out.push_back({"lead.created without name", "bad_body",
                   record(eventlog::encode_headers(nameless),
                          created_body(nameless.aggregate_id, {"name"}))});

    const auto bare = created_attributes(tenant);
    out.push_back(
        {"no headers", "undecodable_headers", record({}, created_body(bare.aggregate_id, {}))});

    const auto tenantless = created_attributes(tenant);
    auto hdrs = eventlog::encode_headers(tenantless);
    std::erase_if(hdrs, [](const eventlog::header& h) { return h.key == "ce_tenantid"; });
    out.push_back({"no ce_tenantid header", "undecodable_headers",
                   record(std::move(hdrs), created_body(tenantless.aggregate_id, {}))});
    return out;
}

} // namespace ventros::fault
