#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/contact.hpp"

#include <string_view>

namespace ventros::commands {

/// Decoders for the contact endpoints' JSON bodies, as strict as the lead ones: they never
/// throw, refuse unknown fields, check types and lengths, report every problem with its
/// JSON pointer, and normalize email and phone exactly as for leads (so duplicates are
/// found whatever the spelling). UUIDs are lower-cased. Whether the company, lead or deal
/// exists, and duplicates, are the writer's call.

/// POST /contacts: {name, email?, phone?, position?, company_id?}; "" and null mean absent.
decoded<domain::create_contact> decode_create_contact(std::string_view body,
                                                      domain::contact_id new_id);

/// PATCH /contacts/{id}: any of name, email, phone, position (null or "" clears),
/// company_id (null clears); at least one.
decoded<domain::update_contact> decode_update_contact(std::string_view body, domain::contact_id id);

/// POST /contacts/{id}/links: exactly one of {lead_id} and {deal_id}.
decoded<domain::link_contact> decode_link_contact(std::string_view body, domain::contact_id id);

/// POST /contacts/{id}/merge: {merged_id}: the contact `id` absorbs.
decoded<domain::merge_contacts> decode_merge_contacts(std::string_view body, domain::contact_id id);

} // namespace ventros::commands
