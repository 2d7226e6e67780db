#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/billing_account.hpp"

#include <string_view>

namespace ventros::commands {

/// Decoders for the billing account endpoints' JSON bodies, as strict as the lead ones:
/// unknown fields refused, strings trimmed, name 1 to 200 bytes, billing_email lower-cased
/// and checked to be an email address (at most 254 bytes). Never throw.

/// POST /v1/billing-accounts: {name, billing_email}.
decoded<domain::create_billing_account>
decode_create_billing_account(std::string_view body, domain::billing_account_id new_id);

/// PATCH /v1/billing-accounts/{id}: any of name, billing_email (neither may be null); at
/// least one.
decoded<domain::update_billing_account>
decode_update_billing_account(std::string_view body, domain::billing_account_id id);

/// The system's suspension request: {reason} with reason one of "payment-failed", "fraud",
/// "requested".
decoded<domain::suspend_billing_account>
decode_suspend_billing_account(std::string_view body, domain::billing_account_id id);

} // namespace ventros::commands
