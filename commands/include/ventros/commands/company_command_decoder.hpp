#pragma once

#include "ventros/commands/lead_command_decoder.hpp"
#include "ventros/domain/company.hpp"

#include <string_view>

namespace ventros::commands {

/// Decoders for the company endpoints' JSON bodies, as strict as the lead ones. The
/// domain is normalized to its lower-case host ("https://www.Acme.com/x" → "acme.com") so
/// duplicates are found whatever the spelling; size is one of "1-10", "11-50", "51-200",
/// "201-1000", "1001+".

/// POST /companies: {name, domain?, industry?, size?}; null means absent, and so does ""
/// for domain and industry.
decoded<domain::create_company> decode_create_company(std::string_view body,
                                                      domain::company_id new_id);

/// PATCH /companies/{id}: any of name, domain, industry, size (null or "" clears); at
/// least one.
decoded<domain::update_company> decode_update_company(std::string_view body, domain::company_id id);

} // namespace ventros::commands
