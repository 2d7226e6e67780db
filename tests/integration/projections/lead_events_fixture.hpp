#pragma once

// Hand-built decoded crm events, as the projector would hand them to a projection.

#include "ventros/domain/crm_codec.hpp"
#include "ventros/projections/decoded_event.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

namespace ventros::test {

/// A UUID whose order follows `n`, like UUIDv7 ids follow creation time.
inline std::string ordered_uuid(std::uint64_t n, unsigned kind = 7) {
    char text[37];
    std::snprintf(text, sizeof text, "01900000-0000-%x000-8000-%012llx", kind,
                  static_cast<unsigned long long>(n));
    return text;
}

class event_factory {
public:
    /// The event as the projector would decode it from the crm topic.
    projections::decoded_event make(const std::string& tenant, std::uint32_t version,
                                    domain::crm_event event,
                                    const std::string& time = "2026-03-01T10:00:00.000Z") {
        projections::decoded_event e{{}, std::move(event), "ventros.crm", 0, offset_};
        e.attributes.id = ordered_uuid(++offset_, 4);
        e.attributes.type = std::string(domain::event_type(e.event));
        e.attributes.time = time;
        e.attributes.tenant_id = tenant;
        e.attributes.aggregate_id = domain::aggregate_id_of(e.event);
        e.attributes.aggregate_version = version;
        e.attributes.actor = "user-1";
        return e;
    }

private:
    std::int64_t offset_ = 0;
};

inline domain::lead_created created(const std::string& id, const std::string& name,
                                    std::optional<std::string> email = std::nullopt,
                                    domain::lead_source source = domain::lead_source::web) {
    domain::lead_created e;
    e.id = domain::lead_id(id);
    e.name = name;
    e.email = std::move(email);
    e.source = source;
    e.tags = {"vip"};
    e.custom = {{"segment", "retail"}};
    e.created_by = domain::user_id("user-1");
    return e;
}

} // namespace ventros::test
