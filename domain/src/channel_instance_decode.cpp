#include "channel_instance_event_types.hpp"
#include "decode_versioned.hpp"
#include "event_body_reader.hpp"
#include "ventros/domain/channel_instance_codec.hpp"

#include <array>

namespace ventros::domain {
namespace {

using detail::json_reader;

// Every channel instance event is still at v1: there is nothing to upcast yet.

channel_instance_id read_id(json_reader& in) {
    return channel_instance_id{in.text("channel_instance_id")};
}

channel_instance_event read_registered(json_reader& in) {
    return channel_instance_registered{.id = read_id(in),
                                       .kind = in.code("kind", parse_channel_kind),
                                       .name = in.text("name"),
                                       .address = in.text("address")};
}

channel_instance_event read_status_changed(json_reader& in) {
    channel_instance_status_changed e{.id = read_id(in),
                                      .from = in.code("from", parse_channel_status),
                                      .to = in.code("to", parse_channel_status)};
    if (e.from == e.to) {
        in.fail("to", "must differ from from");
    }
    return e;
}

channel_instance_event read_removed(json_reader& in) {
    return channel_instance_removed{read_id(in)};
}

// In `channel_instance_event` order, like the type table.
constexpr std::array<channel_instance_event (*)(json_reader&), 3> readers{
    read_registered,
    read_status_changed,
    read_removed,
};

} // namespace

std::expected<channel_instance_event, std::string>
decode_channel_instance_event(std::string_view type, std::string_view json_text) {
    return detail::decode_versioned(type, json_text, detail::parse_channel_instance_event_type,
                                    readers);
}

} // namespace ventros::domain
