// Pins that every channel instance and conversation event the domain produces, and every
// golden example, fits its JSON Schema (draft-07, like the other crm schemas).
#include "../schema_check.hpp"
#include "fixtures.hpp"
#include "ventros/domain/channel_instance_codec.hpp"
#include "ventros/domain/conversation_codec.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace ventros::domain;
using namespace ventros::domain::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using namespace ventros::schema_check;

const std::vector<std::string> event_names{
    "channel_instance.registered", "channel_instance.status_changed", "channel_instance.removed",
    "conversation.started",        "conversation.message_received",   "conversation.message_sent",
    "conversation.handed_off",     "conversation.marked_pending",     "conversation.resolved",
    "conversation.reopened",
};

/// Every channel instance event type, produced by decide and evolve.
std::vector<channel_instance_event> produced_channel_events() {
    std::optional<channel_instance_state> s;
    std::vector<channel_instance_event> events;
    const std::vector<channel_instance_command> commands{
        register_channel_instance{.id = whatsapp_1,
                                  .kind = channel_kind::whatsapp,
                                  .name = "Vendas",
                                  .address = "+5511912345678"},
        change_channel_status{whatsapp_1, channel_status::connecting},
        change_channel_status{whatsapp_1, channel_status::connected},
        remove_channel_instance{whatsapp_1},
    };
    for (const auto& command : commands) {
        const auto r = decide(command, s, admin);
        REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()));
        for (const auto& e : *r) {
            s = evolve(s, e);
            events.push_back(e);
        }
    }
    return events;
}

/// Every conversation event type and optional-member shape decide emits.
std::vector<conversation_event> produced_conversation_events() {
    std::vector<conversation_event> events;
    const auto play =
        [&](std::optional<conversation_state> s,
            const std::vector<std::pair<conversation_command, command_context>>& commands) {
            for (const auto& [command, context] : commands) {
                const auto r = decide(command, s, facts(), context);
                REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()));
                for (const auto& e : *r) {
                    s = evolve(s, e);
                    events.push_back(e);
                }
            }
        };
    play(std::nullopt, {{new_chat(), ana},
                        {from_lead("m1"), later(ana, 1)},
                        {by_bot("m2"), later(ana, 2)},
                        {hand_off_conversation{chat_1, handoff_strategy::round_robin, std::nullopt},
                         later(ana, 3)},
                        {by_agent("m3"), later(ana, 60)},
                        {by_agent("m4"), later(ana, 61)},
                        {mark_conversation_pending{chat_1}, later(ana, 62)},
                        {resolve_conversation{chat_1, "Proposta enviada"}, later(ana, 63)},
                        {reopen_conversation{chat_1}, later(ana, 64)},
                        {resolve_conversation{chat_1, std::nullopt}, later(ana, 65)}});
    auto open = new_chat(false);
    open.lead.reset();
    open.id = conversation_id{"0190a5c4-7b1e-7c3d-8e2f-00000000b002"};
    play(std::nullopt, {{open, manager}});
    return events;
}

} // namespace

TEST_CASE("one schema and one example per channel instance and conversation event") {
    for (const auto& name : event_names) {
        CAPTURE(name);
        CHECK(fs::is_regular_file(events_dir / "crm" / (name + ".v1.json")));
        CHECK(fs::is_regular_file(events_dir / "crm" / "examples" / (name + ".v1.example.json")));
    }
}

TEST_CASE("every golden example fits its schema and decodes") {
    for (const auto& name : event_names) {
        CAPTURE(name);
        const auto example =
            read_json(events_dir / "crm" / "examples" / (name + ".v1.example.json"));
        CHECK(problems("crm/" + name + ".v1.json", example) == "");
        const auto type = "ventros.crm." + name + ".v1";
        const bool decodes = name.starts_with("conversation.")
                                 ? decode_conversation_event(type, example.dump()).has_value()
                                 : decode_channel_instance_event(type, example.dump()).has_value();
        CHECK(decodes);
    }
}

TEST_CASE("every event the domain produces fits its schema") {
    std::set<std::string> seen;
    for (const auto& e : produced_channel_events()) {
        CAPTURE(event_type(e));
        CHECK(problems(std::string(event_schema(e)), json::parse(encode_json(e))) == "");
        seen.insert(std::string(event_type(e)));
    }
    for (const auto& e : produced_conversation_events()) {
        CAPTURE(event_type(e));
        CHECK(problems(std::string(event_schema(e)), json::parse(encode_json(e))) == "");
        seen.insert(std::string(event_type(e)));
    }
    CHECK(seen.size() == event_names.size());
}

TEST_CASE("the schemas refuse what the decoders refuse") {
    const auto sent =
        read_json(events_dir / "crm" / "examples" / "conversation.message_sent.v1.example.json");
    auto bot_with_agent = sent;
    bot_with_agent["sender_type"] = "bot";
    CHECK(problems("crm/conversation.message_sent.v1.json", bot_with_agent) != "");
    auto agent_without_id = sent;
    agent_without_id.erase("agent_id");
    CHECK(problems("crm/conversation.message_sent.v1.json", agent_without_id) != "");
    auto started =
        read_json(events_dir / "crm" / "examples" / "conversation.started.v1.example.json");
    started["status"] = "resolved";
    CHECK(problems("crm/conversation.started.v1.json", started) != "");
}

TEST_CASE("message content and the other party are marked as personal data") {
    for (const auto& [schema, member] : {std::pair{"conversation.message_received", "content"},
                                         std::pair{"conversation.message_sent", "content"},
                                         std::pair{"conversation.started", "party_name"},
                                         std::pair{"conversation.started", "party_address"}}) {
        CAPTURE(schema);
        CAPTURE(member);
        const auto doc = read_json(events_dir / "crm" / (std::string(schema) + ".v1.json"));
        CHECK(doc.at("properties")
                  .at(member)
                  .at("description")
                  .get<std::string>()
                  .find("Personal data (LGPD/GDPR)") != std::string::npos);
    }
}
