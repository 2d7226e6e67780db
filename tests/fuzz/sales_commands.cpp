// Fuzzes the deal and pipeline command decoders (commands/deal_command_decoder.hpp,
// pipeline_command_decoder.hpp). The first byte picks the decoder; the rest is the body.
// Invariants:
//  - decoders never throw, and a refusal says why;
//  - an accepted command decided against a live pipeline (the tenant's default) and an
//    open deal in it (or no deal, for create) yields events that survive
//    encode_json → decode_crm_event unchanged, and evolve() counts them.
#include "fuzz_check.hpp"
#include "ventros/commands/deal_command_decoder.hpp"
#include "ventros/commands/pipeline_command_decoder.hpp"
#include "ventros/domain/crm_codec.hpp"

#include <cstdint>

namespace {

using ventros::fuzzing::require;
using namespace ventros;
using namespace ventros::domain;

const pipeline_id pipeline{"0190a0b1-7c2d-7e3f-8a4b-5c6d7e8f9a0b"};
const deal_id deal{"0190a0b1-7c2d-7e3f-8a4b-000000000001"};
const user_id actor{"user-1"};
const command_context context{tenant_id("acme"), actor, role::admin, {}};

pipeline_state sales_pipeline() {
    return evolve(std::nullopt, pipeline_event(default_pipeline(pipeline)));
}

deal_state open_deal(const pipeline_state& in) {
    create_deal create{.id = deal, .title = "Pilot", .value = {150000, "BRL"}};
    create.pipeline = in.id;
    auto created = decide(deal_command(create), std::nullopt, &in, context);
    require(created.has_value() && created->size() == 1, "the seed deal is created");
    return evolve(std::nullopt, created->front(), actor);
}

/// Each decided event encodes, decodes to itself, and is counted by `fold`.
template <class Event, class State, class Fold>
void check_events(const std::vector<Event>& events, std::optional<State> state, Fold fold) {
    const auto before = state ? state->version : 0;
    for (const auto& event : events) {
        const crm_event wrapped(event);
        std::string body;
        try {
            body = encode_json(wrapped);
        } catch (const std::exception& e) {
            require(false, "encode_json accepts every decided event", e.what());
        }
        const auto back = decode_crm_event(event_type(wrapped), body);
        require(back.has_value(), "a decided event decodes",
                back ? body : back.error() + "\n" + body);
        require(*back == wrapped, "a decided event survives the codec unchanged", body);
        state = fold(state, event);
    }
    require(!events.empty() || !state || state->version == before, "no event, no change");
    require(events.empty() || state->version == before + events.size(),
            "evolve counts every event");
}

template <class Command, class Decoded>
std::optional<Command> accepted(std::string_view body, const Decoded& decoded) {
    if (!decoded) {
        require(decoded.error().what == commands::invalid_input::kind::malformed_json ||
                    !decoded.error().errors.empty() || !decoded.error().detail.empty(),
                "a refusal says why", body);
        return std::nullopt;
    }
    return *decoded;
}

void fuzz_deal(std::uint8_t pick, std::string_view body) {
    const auto sales = sales_pipeline();
    std::optional<deal_command> command;
    switch (pick % 6) {
    case 0:
        if (auto c = accepted<create_deal>(body, commands::decode_create_deal(body, deal))) {
            if (c->pipeline.empty()) {
                c->pipeline = pipeline;
            }
            command = std::move(*c);
        }
        break;
    case 1:
        command = accepted<update_deal>(body, commands::decode_update_deal(body, deal));
        break;
    case 2:
        command = accepted<move_deal_stage>(body, commands::decode_move_deal_stage(body, deal));
        break;
    case 3:
        command = accepted<win_deal>(body, commands::decode_win_deal(body, deal));
        break;
    case 4:
        command = accepted<lose_deal>(body, commands::decode_lose_deal(body, deal));
        break;
    default:
        command = accepted<reopen_deal>(body, commands::decode_reopen_deal(body, deal));
    }
    if (!command) {
        return;
    }
    std::optional<deal_state> state;
    if (!std::holds_alternative<create_deal>(*command)) {
        state = open_deal(sales);
    }
    const auto decision = decide(*command, state, &sales, context);
    if (decision) {
        check_events(*decision, state, [](const auto& s, const deal_event& e) {
            return std::optional(evolve(s, e, actor));
        });
    }
}

void fuzz_pipeline(std::uint8_t pick, std::string_view body) {
    std::optional<pipeline_command> command;
    switch (pick % 4) {
    case 0:
        command = accepted<create_pipeline>(body, commands::decode_create_pipeline(body, pipeline));
        break;
    case 1:
        command =
            accepted<add_pipeline_stage>(body, commands::decode_add_pipeline_stage(body, pipeline));
        break;
    case 2:
        command = accepted<update_pipeline_stage>(
            body, commands::decode_update_pipeline_stage(body, pipeline, "proposal"));
        break;
    default:
        command = accepted<reorder_pipeline_stages>(
            body, commands::decode_reorder_pipeline_stages(body, pipeline));
    }
    if (!command) {
        return;
    }
    std::optional<pipeline_state> state;
    if (!std::holds_alternative<create_pipeline>(*command)) {
        state = sales_pipeline();
    }
    const auto decision = decide(*command, state, context, pipeline_usage{});
    if (decision) {
        check_events(*decision, state, [](const auto& s, const pipeline_event& e) {
            return std::optional(evolve(s, e));
        });
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        if (data[0] & 0x80) {
            fuzz_pipeline(data[0], body);
        } else {
            fuzz_deal(data[0], body);
        }
    } catch (const std::exception& e) {
        require(false, "decoders and decisions never throw", e.what());
    }
    return 0;
}
