#include "ventros/domain/channel_instance_codec.hpp"

#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using nlohmann::json;

json body_of(const channel_instance_registered& e) {
    return {{"channel_instance_id", e.id.str()},
            {"kind", to_string(e.kind)},
            {"name", e.name},
            {"address", e.address}};
}

json body_of(const channel_instance_status_changed& e) {
    return {
        {"channel_instance_id", e.id.str()}, {"from", to_string(e.from)}, {"to", to_string(e.to)}};
}

json body_of(const channel_instance_removed& e) {
    return {{"channel_instance_id", e.id.str()}};
}

} // namespace

std::string encode_json(const channel_instance_event& e) {
    return std::visit([](const auto& event) { return body_of(event).dump(); }, e);
}

} // namespace ventros::domain
