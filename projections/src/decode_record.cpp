#include "ventros/domain/crm_codec.hpp"
#include "ventros/projections/decoded_event.hpp"

namespace ventros::projections {

std::expected<decoded_event, dead_letter> decode_record(const eventlog::record& r) {
    auto attributes = eventlog::decode_headers(r.hdrs);
    if (!attributes) {
        return std::unexpected(dead_letter{"undecodable_headers", attributes.error()});
    }
    if (!domain::is_crm_event_type(attributes->type)) {
        return std::unexpected(
            dead_letter{"unknown_type", "no decoder for ce_type " + attributes->type});
    }
    auto event = domain::decode_crm_event(attributes->type, r.value);
    if (!event) {
        return std::unexpected(dead_letter{"bad_body", event.error()});
    }
    return decoded_event{std::move(*attributes), std::move(*event), r.topic, r.partition, r.offset};
}

} // namespace ventros::projections
