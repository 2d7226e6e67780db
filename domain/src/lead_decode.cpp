#include "json_reader.hpp"
#include "lead_event_types.hpp"
#include "ventros/domain/lead_codec.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace ventros::domain {
namespace {

using detail::json_reader;
using nlohmann::json;

// Brings a body written at an older version up to the current one. Every event is still
// at v1, so there is nothing to map yet; a v2 adds its step here.
json upcast(int /*version*/, json body) {
    return body;
}

lead_event read_created(json_reader& in) {
    return lead_created{
        .id = lead_id{in.text("lead_id")},
        .name = in.text("name"),
        .email = in.optional_text("email"),
        .phone = in.optional_text("phone"),
        .company = in.optional_text("company"),
        .source = in.code("source", parse_lead_source),
        .source_details = in.optional_text("source_details"),
        .tags = in.text_list("tags"),
        .custom = in.text_map("custom_fields"),
        .created_by = user_id{in.text("created_by")},
    };
}

lead_event read_updated(json_reader& in) {
    lead_updated e{
        .id = lead_id{in.text("lead_id")},
        .name = in.optional_text("name"),
        .email = in.patch_text("email"),
        .phone = in.patch_text("phone"),
        .company = in.patch_text("company"),
        .tags = in.optional_text_list("tags"),
        .custom = in.optional_text_map("custom_fields"),
    };
    if (e.name && e.name->empty()) {
        in.fail("name", "must not be empty");
    }
    return e;
}

lead_event read_stage_changed(json_reader& in) {
    lead_stage_changed e{
        .id = lead_id{in.text("lead_id")},
        .from = in.code("from", parse_lead_stage),
        .to = in.code("to", parse_lead_stage),
    };
    if (e.to != lead_stage::new_lead && e.to != lead_stage::contacted) {
        in.fail("to", "must be new or contacted");
    }
    return e;
}

bant_answers read_answers(json_reader& in) {
    return bant_answers{
        .budget = in.optional_code("budget", parse_budget),
        .authority = in.optional_code("authority", parse_authority),
        .need = in.optional_text("need"),
        .timeline = in.optional_code("timeline", parse_timeline),
    };
}

bant_points read_points(json_reader& in) {
    return bant_points{
        .budget = in.count("budget"),
        .authority = in.count("authority"),
        .need = in.count("need"),
        .timeline = in.count("timeline"),
    };
}

lead_event read_scored(json_reader& in) {
    auto answers = in.object("answers");
    auto points = in.object("points");
    lead_scored e{
        .id = lead_id{in.text("lead_id")},
        .answers = read_answers(answers),
        .points = read_points(points),
        .score = in.count("score"),
        .threshold = in.count("threshold"),
        .flow_version = in.text("flow_version"),
        .stage = in.code("stage", parse_lead_stage),
    };
    in.absorb(answers);
    in.absorb(points);
    if (e.stage != lead_stage::qualified && e.stage != lead_stage::unqualified) {
        in.fail("stage", "must be qualified or unqualified");
    }
    return e;
}

lead_event read_qualified(json_reader& in) {
    return lead_qualified{.id = lead_id{in.text("lead_id")}, .score = in.count("score")};
}

lead_event read_assigned(json_reader& in) {
    lead_assigned e{
        .id = lead_id{in.text("lead_id")},
        .agent = user_id{in.text("agent")},
        .agent_role = in.code("agent_role", parse_role),
        .previous = in.optional_text("previous").transform([](std::string s) {
            return user_id{std::move(s)};
        }),
    };
    if (e.agent_role == role::viewer) {
        in.fail("agent_role", "must not be viewer");
    }
    if (e.previous && e.previous->empty()) {
        in.fail("previous", "must not be empty");
    }
    return e;
}

lead_event read_lost(json_reader& in) {
    return lead_lost{.id = lead_id{in.text("lead_id")}, .reason = in.text("reason")};
}

lead_event read_converted(json_reader& in) {
    return lead_converted{
        .id = lead_id{in.text("lead_id")},
        .deal = deal_id{in.text("deal_id")},
        .score = in.count("score"),
    };
}

// In `lead_event` order, like the type table.
constexpr std::array<lead_event (*)(json_reader&), 8> readers{
    read_created,   read_updated,  read_stage_changed, read_scored,
    read_qualified, read_assigned, read_lost,          read_converted,
};
static_assert(readers.size() == std::variant_size_v<lead_event>);

} // namespace

std::expected<lead_event, std::string> decode_lead_event(std::string_view type,
                                                         std::string_view json_text) {
    const auto parsed_type = detail::parse_lead_event_type(type);
    if (!parsed_type) {
        return std::unexpected("unknown event type '" + std::string(type) + "'");
    }
    try {
        json body = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
        if (body.is_discarded()) {
            return std::unexpected(std::string("body is not valid JSON"));
        }
        if (!body.is_object()) {
            return std::unexpected(std::string("body must be a JSON object"));
        }
        body = upcast(parsed_type->version, std::move(body));
        json_reader in{body, ""};
        lead_event event = readers[parsed_type->index](in);
        if (auto problem = in.finish()) {
            return std::unexpected(std::move(*problem));
        }
        return event;
    } catch (const json::exception& e) {
        // The reader checks every type before reading, so this is a bug made harmless.
        return std::unexpected(std::string("body could not be read: ") + e.what());
    }
}

} // namespace ventros::domain
