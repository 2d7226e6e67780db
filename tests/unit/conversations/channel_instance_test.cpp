// Pins the channel instance rules of issue 5: who registers and removes, the status moves
// the connector may report, and what a removed instance refuses.
#include "fixtures.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

register_channel_instance new_instance() {
    return {.id = whatsapp_1,
            .kind = channel_kind::whatsapp,
            .name = "Vendas",
            .address = "+5511912345678"};
}

channel_instance_state registered() {
    const auto r = decide(new_instance(), std::nullopt, admin);
    REQUIRE(r);
    return evolve(std::nullopt, r->front());
}

channel_instance_state in_status(channel_status status) {
    auto s = registered();
    s.status = status;
    return s;
}

} // namespace

TEST_CASE("admins and managers register instances; they start disconnected") {
    for (const auto& ctx : {admin, manager}) {
        const auto r = decide(new_instance(), std::nullopt, ctx);
        REQUIRE(r);
        CHECK(r->front() ==
              channel_instance_event{channel_instance_registered{.id = whatsapp_1,
                                                                 .kind = channel_kind::whatsapp,
                                                                 .name = "Vendas",
                                                                 .address = "+5511912345678"}});
    }
    for (const auto& ctx : {ana, viewer}) {
        CHECK(decide(new_instance(), std::nullopt, ctx).error() ==
              channel_instance_error::not_permitted);
    }
    const auto s = registered();
    CHECK(s.status == channel_status::disconnected);
    CHECK_FALSE(s.is_connected());
    CHECK(s.version == 1);
    CHECK(decide(new_instance(), s, admin).error() == channel_instance_error::already_exists);
}

TEST_CASE("status moves: the allowed table, same status, and anything else") {
    using enum channel_status;
    struct row {
        channel_status from;
        channel_status to;
        std::optional<channel_instance_error> refusal;
    };
    const row table[] = {
        {disconnected, connecting, std::nullopt},
        {connecting, connected, std::nullopt},
        {connecting, disconnected, std::nullopt},
        {connected, disconnected, std::nullopt},
        {disconnected, connected, channel_instance_error::invalid_transition},
        {connected, connecting, channel_instance_error::invalid_transition},
        {disconnected, disconnected, channel_instance_error::nothing_to_change},
        {connecting, connecting, channel_instance_error::nothing_to_change},
        {connected, connected, channel_instance_error::nothing_to_change},
    };
    for (const auto& [from, to, refusal] : table) {
        CAPTURE(to_string(from));
        CAPTURE(to_string(to));
        CHECK(is_allowed_move(from, to) == !refusal);
        const auto s = in_status(from);
        const auto r = decide(change_channel_status{whatsapp_1, to}, s, ana);
        if (refusal) {
            CHECK(r.error() == *refusal);
            continue;
        }
        REQUIRE(r);
        CHECK(r->front() == channel_instance_event{channel_instance_status_changed{
                                .id = whatsapp_1, .from = from, .to = to}});
        const auto after = evolve(s, r->front());
        CHECK(after.status == to);
        CHECK(after.is_connected() == (to == connected));
    }
}

TEST_CASE("the connector reports status under any role but viewer") {
    const auto s = registered();
    const change_channel_status connecting{whatsapp_1, channel_status::connecting};
    for (const auto& ctx : {admin, manager, ana}) {
        CHECK(decide(connecting, s, ctx).has_value());
    }
    CHECK(decide(connecting, s, viewer).error() == channel_instance_error::not_permitted);
    CHECK(decide(connecting, std::nullopt, ana).error() == channel_instance_error::not_found);
}

TEST_CASE("a removed instance refuses everything but counts as registered") {
    const auto s = in_status(channel_status::connected);
    CHECK(decide(remove_channel_instance{whatsapp_1}, s, ana).error() ==
          channel_instance_error::not_permitted);
    CHECK(decide(remove_channel_instance{whatsapp_1}, std::nullopt, admin).error() ==
          channel_instance_error::not_found);
    const auto r = decide(remove_channel_instance{whatsapp_1}, s, manager);
    REQUIRE(r);
    const auto removed = evolve(s, r->front());
    CHECK(removed.removed);
    CHECK_FALSE(removed.is_connected());
    CHECK(decide(remove_channel_instance{whatsapp_1}, removed, admin).error() ==
          channel_instance_error::removed);
    CHECK(decide(change_channel_status{whatsapp_1, channel_status::disconnected}, removed, ana)
              .error() == channel_instance_error::removed);
    CHECK(decide(new_instance(), removed, admin).error() == channel_instance_error::already_exists);
}

TEST_CASE("channel kinds, statuses and errors have stable names") {
    for (const auto* name : {"whatsapp", "web_widget", "email"}) {
        const auto kind = parse_channel_kind(name);
        REQUIRE(kind);
        CHECK(to_string(*kind) == name);
    }
    for (const auto* name : {"disconnected", "connecting", "connected"}) {
        const auto status = parse_channel_status(name);
        REQUIRE(status);
        CHECK(to_string(*status) == name);
    }
    CHECK_FALSE(parse_channel_kind("sms"));
    CHECK_FALSE(parse_channel_status("Connected"));
    CHECK(to_string(channel_instance_error::not_found) == "channel-instance-not-found");
    CHECK(to_string(channel_instance_error::already_exists) == "channel-instance-already-exists");
    CHECK(to_string(channel_instance_error::not_permitted) == "not-permitted");
    CHECK(to_string(channel_instance_error::removed) == "channel-instance-removed");
    CHECK(to_string(channel_instance_error::invalid_transition) == "invalid-transition");
    CHECK(to_string(channel_instance_error::nothing_to_change) == "nothing-to-change");
}
