#pragma once

#include "ventros/domain/crm.hpp"
#include "ventros/domain/lead.hpp"

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace ventros::commands {

/// Why a request body was refused before reaching the domain.
struct invalid_input {
    enum class kind {
        malformed_json, ///< not parseable as JSON → 400
        invalid,        ///< well-formed but wrong types, unknown fields, out of range → 422
    };
    kind what = kind::invalid;
    std::string detail;
    struct field_error {
        std::string field; ///< JSON pointer, e.g. "/email"
        std::string reason;
        bool operator==(const field_error&) const = default;
    };
    std::vector<field_error> errors;
};

template <class Command>
using decoded = std::expected<Command, invalid_input>;

/// Decoders for the lead endpoints' JSON bodies. They never throw, refuse unknown
/// fields, check types and ranges, and normalize (trim; lower-case email; phone reduced
/// to an optional '+' and digits). Ids chosen by the server are passed in.

/// POST /leads: {name, email?, phone?, company?, source?, source_details?, tags?, custom_fields?}
decoded<domain::create_lead> decode_create_lead(std::string_view body, domain::lead_id new_id);

/// PATCH /leads/{id}: any of name, email, phone, company (null clears), tags,
/// custom_fields, stage; at least one.
decoded<domain::update_lead> decode_update_lead(std::string_view body, domain::lead_id id);

/// POST /leads/{id}/qualification: {budget?, authority?, need?, timeline?}, at least one.
decoded<domain::answer_bant> decode_answer_bant(std::string_view body, domain::lead_id id);

/// POST /leads/{id}/assignment: {agent_id, agent_role?} (role defaults to agent).
decoded<domain::assign_lead> decode_assign_lead(std::string_view body, domain::lead_id id);

/// POST /leads/{id}/lost: {reason}.
decoded<domain::mark_lead_lost> decode_mark_lead_lost(std::string_view body, domain::lead_id id);

/// POST /leads/{id}/conversion: empty body, {} or the deal to create: {title?,
/// value_cents?, currency?, pipeline_id?, stage?, probability?, expected_close?, owner_id?,
/// company_id?}, checked as for POST /deals (deal_command_decoder.hpp). The deal gets id
/// `new_deal` and the lead; title defaults to "Converted lead", value to 0 BRL and the
/// pipeline to the tenant's default.
decoded<domain::lead_conversion> decode_lead_conversion(std::string_view body, domain::lead_id id,
                                                        domain::deal_id new_deal,
                                                        bool allow_unqualified);

/// Parses a stage name for query filters; nullopt for unknown names.
std::optional<domain::lead_stage> decode_stage(std::string_view text) noexcept;

} // namespace ventros::commands
