#include "ventros/projections/lead_row.hpp"

#include "array_literal.hpp"
#include "ventros/domain/ids.hpp"
#include "ventros/domain/lead_codec.hpp"
#include "ventros/domain/overloaded.hpp"
#include "ventros/domain/time.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace ventros::projections {
namespace {

using nlohmann::json;

void patch(std::optional<std::string>& column, const domain::field_patch<std::string>& change) {
    if (change) {
        column = *change;
    }
}

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string tags_literal(const std::vector<std::string>& tags) {
    detail::array_literal literal;
    for (const auto& tag : tags) {
        literal.add(std::string_view(tag));
    }
    return literal.str();
}

std::string custom_fields_json(const domain::custom_fields& custom) {
    return json(custom).dump();
}

lead_row new_row(const decoded_event& e, const domain::lead_created& created,
                 const std::string& at) {
    lead_row row;
    row.tenant_id = e.attributes.tenant_id;
    row.lead_id = lower(created.id.str());
    row.name = created.name;
    row.email = created.email;
    row.phone = created.phone;
    row.company = created.company;
    row.source = domain::to_string(created.source);
    row.source_details = created.source_details;
    row.stage = domain::to_string(domain::lead_stage::new_lead);
    row.tags = tags_literal(created.tags);
    row.custom_fields = custom_fields_json(created.custom);
    row.created_by = created.created_by.str();
    row.created_at = at;
    row.updated_at = at;
    return row;
}

// Applies the event's changes to an existing row (version and updated_at are set by the caller).
void evolve_row(lead_row& row, const domain::lead_event& event, const std::string& at) {
    std::visit(
        domain::overloaded{
            [](const domain::lead_created&) {},
            [&](const domain::lead_updated& e) {
                if (e.name) {
                    row.name = *e.name;
                }
                patch(row.email, e.email);
                patch(row.phone, e.phone);
                patch(row.company, e.company);
                if (e.tags) {
                    row.tags = tags_literal(*e.tags);
                }
                if (e.custom) {
                    row.custom_fields = custom_fields_json(*e.custom);
                }
            },
            [&](const domain::lead_stage_changed& e) { row.stage = domain::to_string(e.to); },
            [&](const domain::lead_scored& e) {
                const json body = json::parse(domain::encode_json(e));
                row.bant = json{{"answers", body.at("answers")},
                                {"points", body.at("points")},
                                {"threshold", e.threshold},
                                {"flow_version", e.flow_version}}
                               .dump();
                row.score = e.score;
                row.stage = domain::to_string(e.stage);
            },
            [&](const domain::lead_qualified& e) {
                row.score = e.score;
                if (!row.qualified_at) {
                    row.qualified_at = at;
                }
            },
            [&](const domain::lead_assigned& e) { row.assigned_to = e.agent.str(); },
            [&](const domain::lead_lost& e) {
                row.stage = domain::to_string(domain::lead_stage::lost);
                row.lost_at = at;
                row.lost_reason = e.reason;
            },
            [&](const domain::lead_converted& e) {
                row.stage = domain::to_string(domain::lead_stage::converted);
                row.converted_at = at;
                row.deal_id = lower(e.deal.str());
                row.score = e.score;
            },
        },
        event);
}

// Values that would make the set-based write fail for the whole batch are rejected here.
std::optional<std::string> invalid_values(const decoded_event& e, const domain::lead_event& event) {
    if (!domain::is_uuid(domain::subject_of(event).str())) {
        return "lead id is not a UUID: " + domain::subject_of(event).str();
    }
    if (!domain::is_uuid(e.attributes.id)) {
        return "ce_id is not a UUID: " + e.attributes.id;
    }
    if (const auto* converted = std::get_if<domain::lead_converted>(&event);
        converted != nullptr && !domain::is_uuid(converted->deal.str())) {
        return "deal id is not a UUID: " + converted->deal.str();
    }
    if (e.attributes.tenant_id.empty()) {
        return "event has no tenant";
    }
    return std::nullopt;
}

} // namespace

std::expected<fold_outcome, std::string> fold_lead_row(std::optional<lead_row>& row,
                                                       const decoded_event& e) {
    const auto& event = std::get<domain::lead_event>(e.event);
    if (auto invalid = invalid_values(e, event)) {
        return std::unexpected(std::move(*invalid));
    }
    const auto time = domain::parse_rfc3339(e.attributes.time);
    if (!time) {
        return std::unexpected("ce_time is not RFC 3339: " + e.attributes.time);
    }
    const std::string at = domain::format_rfc3339(*time);
    const auto version = static_cast<std::int64_t>(e.attributes.aggregate_version);
    const std::int64_t current = row ? row->version : 0;

    if (version <= current) {
        return fold_outcome::already_applied;
    }
    if (version != current + 1) {
        return std::unexpected("version gap: lead at version " + std::to_string(current) +
                               ", event has version " + std::to_string(version));
    }
    const auto* created = std::get_if<domain::lead_created>(&event);
    if (!row) {
        if (created == nullptr) {
            return std::unexpected(std::string("first event of a lead is not lead.created"));
        }
        row = new_row(e, *created, at);
    } else if (created != nullptr) {
        return std::unexpected(std::string("lead.created for a lead that already exists"));
    }
    evolve_row(*row, event, at);
    row->updated_at = at;
    row->version = version;
    return fold_outcome::applied;
}

lead_journal_row journal_row_of(const decoded_event& e, const lead_row& folded) {
    lead_journal_row row;
    row.tenant_id = folded.tenant_id;
    row.lead_id = folded.lead_id;
    row.version = folded.version;
    row.event_id = e.attributes.id;
    const auto& event = std::get<domain::lead_event>(e.event);
    row.type = domain::event_type(event);
    row.occurred_at = folded.updated_at;
    if (!e.attributes.actor.empty()) {
        row.actor = e.attributes.actor;
    }
    row.data = domain::encode_json(event);
    row.topic = e.topic;
    row.partition = e.partition;
    row.offset = e.offset;
    return row;
}

} // namespace ventros::projections
