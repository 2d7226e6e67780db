// Fuzzes the lead command decoders (commands/lead_command_decoder.hpp). The first byte
// picks the decoder (and, for conversions, the tenant setting); the rest is the body.
// A conversion's lead command is checked here; its deal fields only for the fixed point.
// Invariants for every accepted body:
//  - the command re-encodes: a body built from the decoded (normalized) command decodes
//    again to the same command, i.e. normalization is a fixed point;
//  - decide() on a lead that exists (or not, for create) yields events that survive
//    encode_json → decode_lead_event unchanged, and evolve() counts them.
// Decoders must never throw.
#include "fuzz_check.hpp"
#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/lead_codec.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace {

using ventros::fuzzing::require;
using namespace ventros;
using namespace ventros::domain;
using json = nlohmann::json;

const lead_id lead{"0190a0b1-7c2d-7e3f-8a4b-5c6d7e8f9a0b"};
const deal_id deal{"0190a0b1-7c2d-7e3f-8a4b-000000000001"};
const user_id actor{"user-1"};

json optional_text(const std::optional<std::string>& text) {
    return text ? json(*text) : json();
}

json patch_text(const field_patch<std::string>& patch) {
    return *patch ? json(**patch) : json();
}

json body_of(const create_lead& c) {
    json body{{"name", c.name}, {"source", to_string(c.source)}};
    for (const auto& [key, value] :
         {std::pair{"email", &c.email}, std::pair{"phone", &c.phone},
          std::pair{"company", &c.company}, std::pair{"source_details", &c.source_details}}) {
        if (*value) {
            body[key] = optional_text(*value);
        }
    }
    body["tags"] = c.tags;
    body["custom_fields"] = c.custom;
    return body;
}

json body_of(const update_lead& c) {
    json body = json::object();
    if (c.name) {
        body["name"] = *c.name;
    }
    if (c.email) {
        body["email"] = patch_text(c.email);
    }
    if (c.phone) {
        body["phone"] = patch_text(c.phone);
    }
    if (c.company) {
        body["company"] = patch_text(c.company);
    }
    if (c.tags) {
        body["tags"] = *c.tags;
    }
    if (c.custom) {
        body["custom_fields"] = *c.custom;
    }
    if (c.stage) {
        body["stage"] = to_string(*c.stage);
    }
    return body;
}

json body_of(const answer_bant& c) {
    json body = json::object();
    if (c.answers.budget) {
        body["budget"] = to_string(*c.answers.budget);
    }
    if (c.answers.authority) {
        body["authority"] = to_string(*c.answers.authority);
    }
    if (c.answers.need) {
        body["need"] = *c.answers.need;
    }
    if (c.answers.timeline) {
        body["timeline"] = to_string(*c.answers.timeline);
    }
    return body;
}

json body_of(const assign_lead& c) {
    return {{"agent_id", c.agent.str()}, {"agent_role", to_string(c.agent_role)}};
}

json body_of(const mark_lead_lost& c) {
    return {{"reason", c.reason}};
}

json body_of(const lead_conversion& c) {
    const auto& created = c.deal;
    json body{{"title", created.title},
              {"value_cents", created.value.cents},
              {"currency", created.value.currency}};
    if (!created.pipeline.empty()) {
        body["pipeline_id"] = created.pipeline.str();
    }
    if (created.stage) {
        body["stage"] = *created.stage;
    }
    if (created.probability) {
        body["probability"] = *created.probability;
    }
    if (created.expected_close) {
        body["expected_close"] = *created.expected_close;
    }
    if (created.owner) {
        body["owner_id"] = created.owner->str();
    }
    if (created.company) {
        body["company_id"] = created.company->str();
    }
    return body;
}

bool same(const create_lead& a, const create_lead& b) {
    return a.id == b.id && a.name == b.name && a.email == b.email && a.phone == b.phone &&
           a.company == b.company && a.source == b.source && a.source_details == b.source_details &&
           a.tags == b.tags && a.custom == b.custom;
}

bool same(const update_lead& a, const update_lead& b) {
    return a.id == b.id && a.name == b.name && a.email == b.email && a.phone == b.phone &&
           a.company == b.company && a.tags == b.tags && a.custom == b.custom && a.stage == b.stage;
}

bool same(const answer_bant& a, const answer_bant& b) {
    return a.id == b.id && a.answers == b.answers;
}

bool same(const assign_lead& a, const assign_lead& b) {
    return a.id == b.id && a.agent == b.agent && a.agent_role == b.agent_role;
}

bool same(const mark_lead_lost& a, const mark_lead_lost& b) {
    return a.id == b.id && a.reason == b.reason;
}

bool same(const lead_conversion& a, const lead_conversion& b) {
    const auto& x = a.deal;
    const auto& y = b.deal;
    return a.lead.id == b.lead.id && a.lead.deal == b.lead.deal &&
           a.lead.allow_unqualified == b.lead.allow_unqualified && x.id == y.id &&
           x.title == y.title && x.value == y.value && x.pipeline == y.pipeline &&
           x.stage == y.stage && x.probability == y.probability &&
           x.expected_close == y.expected_close && x.owner == y.owner && x.lead == y.lead &&
           x.company == y.company;
}

/// The lead command a decoded command is, or contains.
template <class Command>
lead_command lead_part(Command command) {
    return lead_command(std::move(command));
}

lead_command lead_part(lead_conversion conversion) {
    return lead_command(std::move(conversion.lead));
}

/// Decides the command against a lead that exists (unless it creates one) and checks the
/// events survive the codec and evolve.
void check_events(const lead_command& command, bool creates) {
    const command_context context{tenant_id("tenant-1"), actor, role::admin,
                                  timestamp(std::chrono::milliseconds(1767225600000))};
    std::optional<lead_state> state;
    if (!creates) {
        state = lead_state{lead, 1, lead_stage::new_lead, 0, false, std::nullopt, actor};
    }
    const auto decision = decide(command, state, context);
    if (!decision) {
        return;
    }
    const auto before = state ? state->version : 0;
    for (const auto& event : *decision) {
        std::string body;
        try {
            body = encode_json(event);
        } catch (const std::exception& e) {
            require(false, "encode_json accepts every decided event", e.what());
        }
        const auto back = decode_lead_event(event_type(event), body);
        require(back.has_value(), "a decided event decodes",
                back ? body : back.error() + "\n" + body);
        require(*back == event, "a decided event survives the codec unchanged", body);
        state = evolve(state, event);
    }
    require(state.has_value() && state->version == before + decision->size(),
            "evolve counts every event");
}

template <class Command, class Decode>
void fuzz_decoder(std::string_view body, Decode decode, bool creates) {
    commands::decoded<Command> first = decode(body);
    if (!first) {
        require(first.error().what == commands::invalid_input::kind::malformed_json ||
                    !first.error().errors.empty() || !first.error().detail.empty(),
                "a refusal says why", body);
        return;
    }
    const std::string again = body_of(*first).dump();
    commands::decoded<Command> second = decode(again);
    require(second.has_value(), "a decoded command re-encodes to a body that decodes",
            std::string(body) + "\n=> " + again);
    require(same(*first, *second), "normalization is a fixed point",
            std::string(body) + "\n=> " + again);
    check_events(lead_part(std::move(*first)), creates);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 7) {
        case 0:
            fuzz_decoder<create_lead>(
                body, [](std::string_view b) { return commands::decode_create_lead(b, lead); },
                true);
            break;
        case 1:
            fuzz_decoder<update_lead>(
                body, [](std::string_view b) { return commands::decode_update_lead(b, lead); },
                false);
            break;
        case 2:
            fuzz_decoder<answer_bant>(
                body, [](std::string_view b) { return commands::decode_answer_bant(b, lead); },
                false);
            break;
        case 3:
            fuzz_decoder<assign_lead>(
                body, [](std::string_view b) { return commands::decode_assign_lead(b, lead); },
                false);
            break;
        case 4:
            fuzz_decoder<mark_lead_lost>(
                body, [](std::string_view b) { return commands::decode_mark_lead_lost(b, lead); },
                false);
            break;
        case 5:
            fuzz_decoder<lead_conversion>(
                body,
                [allow = (data[0] & 0x80) != 0](std::string_view b) {
                    return commands::decode_lead_conversion(b, lead, deal, allow);
                },
                false);
            break;
        default: {
            const auto stage = commands::decode_stage(body);
            require(!stage || to_string(*stage) == body, "decode_stage only names stages", body);
        }
        }
    } catch (const std::exception& e) {
        require(false, "decoders never throw", e.what());
    }
    return 0;
}
