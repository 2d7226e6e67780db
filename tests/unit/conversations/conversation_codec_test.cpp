// Pins the JSON bodies and type names of channel instance and conversation events: round
// trips with optional members absent and present, and strict refusal of broken bodies.
#include "fixtures.hpp"
#include "ventros/domain/channel_instance_codec.hpp"
#include "ventros/domain/conversation_codec.hpp"

#include <nlohmann/json.hpp>

using namespace ventros::domain;
using namespace ventros::domain::testing;
using nlohmann::json;

namespace {

const timestamp at = t0 + std::chrono::milliseconds{1'234};

std::vector<channel_instance_event> channel_events() {
    return {
        channel_instance_registered{.id = whatsapp_1,
                                    .kind = channel_kind::whatsapp,
                                    .name = "Vendas",
                                    .address = "+5511912345678"},
        channel_instance_registered{.id = whatsapp_1,
                                    .kind = channel_kind::web_widget,
                                    .name = "Site",
                                    .address = "https://loja.example"},
        channel_instance_status_changed{
            .id = whatsapp_1, .from = channel_status::connecting, .to = channel_status::connected},
        channel_instance_removed{whatsapp_1},
    };
}

std::vector<conversation_event> conversation_events() {
    return {
        conversation_started{.id = chat_1,
                             .channel_instance = whatsapp_1,
                             .lead = lead_1,
                             .party_name = "Maria Silva",
                             .party_address = "+5511987654321",
                             .status = conversation_status::bot,
                             .sla_minutes = 15,
                             .opened_at = at,
                             .sla_due_at = std::nullopt},
        conversation_started{.id = chat_1,
                             .channel_instance = whatsapp_1,
                             .lead = std::nullopt,
                             .party_name = "Visitante",
                             .party_address = "visitor-42",
                             .status = conversation_status::open,
                             .sla_minutes = 5,
                             .opened_at = at,
                             .sla_due_at = at + std::chrono::minutes{5}},
        conversation_message_received{.id = chat_1,
                                      .message = message_id{"wamid.1"},
                                      .content = "Oi, quero preços",
                                      .content_type = message_content_type::audio,
                                      .at = at},
        conversation_message_sent{.id = chat_1,
                                  .message = message_id{"m-2"},
                                  .sender = sender_type::bot,
                                  .agent = std::nullopt,
                                  .content = "boas_vindas",
                                  .content_type = message_content_type::template_message,
                                  .at = at,
                                  .first_response_seconds = std::nullopt},
        conversation_message_sent{.id = chat_1,
                                  .message = message_id{"m-3"},
                                  .sender = sender_type::agent,
                                  .agent = u_ana,
                                  .content = "Olá!",
                                  .content_type = message_content_type::text,
                                  .at = at,
                                  .first_response_seconds = 170},
        conversation_message_sent{.id = chat_1,
                                  .message = message_id{"m-4"},
                                  .sender = sender_type::agent,
                                  .agent = u_bruno,
                                  .content = "proposta.pdf",
                                  .content_type = message_content_type::document,
                                  .at = at,
                                  .first_response_seconds = std::nullopt},
        conversation_handed_off{.id = chat_1,
                                .agent = u_ana,
                                .strategy = handoff_strategy::least_busy,
                                .at = at,
                                .sla_due_at = at + std::chrono::minutes{15}},
        conversation_marked_pending{chat_1},
        conversation_resolved{.id = chat_1, .note = "Proposta enviada"},
        conversation_resolved{.id = chat_1, .note = std::nullopt},
        conversation_reopened{.id = chat_1, .at = at},
    };
}

} // namespace

TEST_CASE("channel instance events round trip through their JSON bodies") {
    for (const auto& e : channel_events()) {
        CAPTURE(event_type(e));
        CHECK(is_channel_instance_event_type(event_type(e)));
        const auto decoded = decode_channel_instance_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
    CHECK(event_type(channel_events()[2]) == "ventros.crm.channel_instance.status_changed.v1");
    CHECK(event_schema(channel_events()[3]) == "crm/channel_instance.removed.v1.json");
    CHECK(json::parse(encode_json(channel_events()[2])) ==
          json{{"channel_instance_id", whatsapp_1.str()},
               {"from", "connecting"},
               {"to", "connected"}});
}

TEST_CASE("conversation events round trip through their JSON bodies") {
    for (const auto& e : conversation_events()) {
        CAPTURE(event_type(e));
        CHECK(is_conversation_event_type(event_type(e)));
        const auto decoded = decode_conversation_event(event_type(e), encode_json(e));
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == e);
    }
    CHECK(event_type(conversation_events()[6]) == "ventros.crm.conversation.handed_off.v1");
    CHECK(event_schema(conversation_events()[2]) == "crm/conversation.message_received.v1.json");
}

TEST_CASE("bodies name only what the event carries, times in RFC 3339 with milliseconds") {
    const auto started = json::parse(encode_json(conversation_events()[0]));
    CHECK_FALSE(started.contains("sla_due_at"));
    CHECK(started.at("opened_at") == format_rfc3339(at));
    CHECK(started.at("opened_at").get<std::string>().ends_with(".234Z"));
    const auto sent = json::parse(encode_json(conversation_events()[4]));
    CHECK(sent.at("agent_id") == "u-ana");
    CHECK(sent.at("first_response_seconds") == 170);
    CHECK(sent.at("content_type") == "text");
    CHECK(json::parse(encode_json(conversation_events()[3])).at("content_type") == "template");
    CHECK(json::parse(encode_json(conversation_events()[2])).at("sender_type") == "lead");
}

TEST_CASE("unknown types and broken bodies are refused with a reason") {
    CHECK_FALSE(is_conversation_event_type("ventros.crm.conversation.started.v2"));
    CHECK_FALSE(is_conversation_event_type("ventros.crm.conversation.closed.v1"));
    CHECK_FALSE(is_channel_instance_event_type("ventros.crm.channel_instance.started.v1"));
    CHECK_FALSE(decode_conversation_event("ventros.crm.lead.created.v1", "{}").has_value());

    const std::string started = "ventros.crm.conversation.started.v1";
    const auto body = json::parse(encode_json(conversation_events()[0]));
    const auto broken = [&](const std::string& type, json b) {
        return !decode_conversation_event(type, b.dump()).has_value();
    };
    CHECK(broken(started, json::array()));
    CHECK_FALSE(decode_conversation_event(started, "{not json").has_value());
    auto extra = body;
    extra["surprise"] = 1;
    CHECK(broken(started, extra));
    auto pending_start = body;
    pending_start["status"] = "pending";
    CHECK(broken(started, pending_start));
    auto zero_sla = body;
    zero_sla["sla_minutes"] = 0;
    CHECK(broken(started, zero_sla));
    auto bad_time = body;
    bad_time["opened_at"] = "yesterday";
    CHECK(broken(started, bad_time));

    const std::string sent = "ventros.crm.conversation.message_sent.v1";
    auto agent_body = json::parse(encode_json(conversation_events()[4]));
    auto no_agent = agent_body;
    no_agent.erase("agent_id");
    CHECK(broken(sent, no_agent));
    auto from_lead_out = agent_body;
    from_lead_out["sender_type"] = "lead";
    CHECK(broken(sent, from_lead_out));
    auto bot_with_agent = agent_body;
    bot_with_agent["sender_type"] = "bot";
    CHECK(broken(sent, bot_with_agent));
    auto received = json::parse(encode_json(conversation_events()[2]));
    received["sender_type"] = "agent";
    CHECK(broken("ventros.crm.conversation.message_received.v1", received));

    auto same = json::parse(encode_json(channel_events()[2]));
    same["from"] = "connected";
    CHECK_FALSE(
        decode_channel_instance_event("ventros.crm.channel_instance.status_changed.v1", same.dump())
            .has_value());
}
