#include "event_records.hpp"

#include "ventros/commands/uuid.hpp"
#include "ventros/domain/crm_codec.hpp"

namespace ventros::commands {

std::vector<eventlog::outgoing_record> make_event_records(const write_request& request,
                                                          const std::vector<decided_event>& events,
                                                          const std::string& command_id,
                                                          const eventlog::topics& topics,
                                                          std::int32_t partition) {
    std::vector<eventlog::outgoing_record> records;
    records.reserve(events.size());
    const auto time = domain::format_rfc3339(request.context.now);
    for (const auto& [event, version, on_behalf] : events) {
        const auto& id = domain::aggregate_id_of(event);
        eventlog::cloud_event_attributes attributes;
        attributes.id = new_uuid_v7();
        attributes.type = domain::event_type(event);
        attributes.time = time;
        attributes.subject = std::string(domain::collection_of(domain::kind_of(event))) + "/" + id;
        attributes.dataschema = "schemas/events/" + std::string(domain::event_schema(event));
        attributes.tenant_id = request.context.tenant.str();
        attributes.aggregate_id = id;
        attributes.aggregate_version = version;
        attributes.command_id = command_id;
        attributes.request_hash =
            request.idempotency_key.empty() || on_behalf ? "" : request.request_hash;
        attributes.correlation_id = request.request_id;
        attributes.causation_id = command_id;
        attributes.actor = request.context.actor.str();
        const auto& topic = topics.of(domain::topic_of(domain::kind_of(event)));
        records.push_back({topic, partition, request.key(), domain::encode_json(event),
                           eventlog::encode_headers(attributes)});
    }
    return records;
}

std::expected<logged_crm_event, std::string> read_crm_event(const eventlog::record& r) {
    auto attributes = eventlog::decode_headers(r.hdrs);
    if (!attributes) {
        return std::unexpected(attributes.error());
    }
    auto event = domain::decode_crm_event(attributes->type, r.value);
    if (!event) {
        return std::unexpected(event.error());
    }
    return logged_crm_event{std::move(*attributes), std::move(*event)};
}

unsigned result_status(const domain::crm_event& first_event) noexcept {
    return domain::creates_aggregate(first_event) ? 201 : 200;
}

} // namespace ventros::commands
