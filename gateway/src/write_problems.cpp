#include "ventros/gateway/write_problems.hpp"

#include "tenancy_problems.hpp"

namespace ventros::gateway {
namespace {

unsigned lead_error_status(domain::lead_error error) {
    using domain::lead_error;
    switch (error) {
    case lead_error::not_found:
        return 404;
    case lead_error::not_permitted:
        return 403;
    case lead_error::agent_role_not_assignable:
    case lead_error::stage_not_settable:
        return 422;
    case lead_error::already_exists:
    case lead_error::already_converted:
    case lead_error::lead_is_lost:
    case lead_error::not_qualified:
    case lead_error::nothing_to_change:
        return 409;
    }
    return 409;
}

std::string lead_error_title(domain::lead_error error) {
    using domain::lead_error;
    switch (error) {
    case lead_error::not_found:
        return "Lead not found";
    case lead_error::already_exists:
        return "Lead already exists";
    case lead_error::already_converted:
        return "Lead already converted";
    case lead_error::lead_is_lost:
        return "Lead is lost";
    case lead_error::not_qualified:
        return "Lead is not qualified";
    case lead_error::agent_role_not_assignable:
        return "Role cannot be assigned leads";
    case lead_error::stage_not_settable:
        return "Stage cannot be set directly";
    case lead_error::nothing_to_change:
        return "Nothing to change";
    case lead_error::not_permitted:
        return "Not permitted";
    }
    return "Conflict";
}

unsigned deal_error_status(domain::deal_error error) {
    using domain::deal_error;
    switch (error) {
    case deal_error::not_found:
        return 404;
    case deal_error::not_permitted:
        return 403;
    case deal_error::unknown_pipeline:
    case deal_error::unknown_stage:
    case deal_error::invalid_value:
    case deal_error::invalid_probability:
        return 422;
    case deal_error::already_exists:
    case deal_error::deal_closed:
    case deal_error::not_open:
    case deal_error::not_closed:
    case deal_error::nothing_to_change:
        return 409;
    }
    return 409;
}

std::string deal_error_title(domain::deal_error error) {
    using domain::deal_error;
    switch (error) {
    case deal_error::not_found:
        return "Deal not found";
    case deal_error::already_exists:
        return "Deal already exists";
    case deal_error::not_permitted:
        return "Not permitted";
    case deal_error::unknown_pipeline:
        return "Unknown pipeline";
    case deal_error::unknown_stage:
        return "Unknown stage";
    case deal_error::invalid_value:
        return "Invalid value: cents must be 0 or more and the currency an ISO 4217 code";
    case deal_error::invalid_probability:
        return "Probability must be from 0 to 100";
    case deal_error::deal_closed:
        return "Deal is closed: reopen it first";
    case deal_error::not_open:
        return "Deal is not open: reopen it first";
    case deal_error::not_closed:
        return "Deal is not closed";
    case deal_error::nothing_to_change:
        return "Nothing to change";
    }
    return "Conflict";
}

unsigned pipeline_error_status(domain::pipeline_error error) {
    using domain::pipeline_error;
    switch (error) {
    case pipeline_error::not_found:
        return 404;
    case pipeline_error::not_permitted:
        return 403;
    case pipeline_error::invalid_stages:
    case pipeline_error::unknown_stage:
        return 422;
    case pipeline_error::already_exists:
    case pipeline_error::stage_has_open_deals:
    case pipeline_error::last_stage:
    case pipeline_error::nothing_to_change:
        return 409;
    }
    return 409;
}

std::string pipeline_error_title(domain::pipeline_error error) {
    using domain::pipeline_error;
    switch (error) {
    case pipeline_error::not_found:
        return "Pipeline not found";
    case pipeline_error::already_exists:
        return "Pipeline already exists";
    case pipeline_error::not_permitted:
        return "Only admins and managers change pipelines";
    case pipeline_error::invalid_stages:
        return "Invalid stages: each needs a unique id, a name and a probability from 0 to 100";
    case pipeline_error::unknown_stage:
        return "Unknown stage";
    case pipeline_error::stage_has_open_deals:
        return "Stage still holds open deals";
    case pipeline_error::last_stage:
        return "A pipeline keeps at least one stage";
    case pipeline_error::nothing_to_change:
        return "Nothing to change";
    }
    return "Conflict";
}

unsigned contact_error_status(domain::contact_error error) {
    using domain::contact_error;
    switch (error) {
    case contact_error::not_found:
        return 404;
    case contact_error::not_permitted:
        return 403;
    case contact_error::unknown_company:
    case contact_error::unknown_lead:
    case contact_error::unknown_deal:
    case contact_error::unknown_contact:
    case contact_error::merge_into_itself:
        return 422;
    case contact_error::already_exists:
    case contact_error::duplicate:
    case contact_error::merged:
    case contact_error::nothing_to_change:
        return 409;
    }
    return 409;
}

unsigned activity_error_status(domain::activity_error error) {
    using domain::activity_error;
    switch (error) {
    case activity_error::not_found:
        return 404;
    case activity_error::not_permitted:
        return 403;
    case activity_error::link_required:
    case activity_error::unknown_lead:
    case activity_error::unknown_deal:
    case activity_error::unknown_contact:
        return 422;
    case activity_error::already_exists:
    case activity_error::already_completed:
    case activity_error::nothing_to_change:
    case activity_error::not_completed:
        return 409;
    }
    return 409;
}

std::string contact_error_title(domain::contact_error error) {
    using domain::contact_error;
    switch (error) {
    case contact_error::not_found:
        return "Contact not found";
    case contact_error::already_exists:
        return "Contact already exists";
    case contact_error::not_permitted:
        return "Not permitted";
    case contact_error::duplicate:
        return "Another contact has this email or phone";
    case contact_error::unknown_company:
        return "Unknown company";
    case contact_error::unknown_lead:
        return "Unknown lead";
    case contact_error::unknown_deal:
        return "Unknown deal";
    case contact_error::merged:
        return "Contact was merged into another and is read-only";
    case contact_error::unknown_contact:
        return "Unknown contact to merge";
    case contact_error::merge_into_itself:
        return "A contact cannot be merged into itself";
    case contact_error::nothing_to_change:
        return "Nothing to change";
    }
    return "Conflict";
}

std::string activity_error_title(domain::activity_error error) {
    using domain::activity_error;
    switch (error) {
    case activity_error::not_found:
        return "Activity not found";
    case activity_error::already_exists:
        return "Activity already exists";
    case activity_error::not_permitted:
        return "Not permitted";
    case activity_error::link_required:
        return "An activity needs a lead, a deal or a contact";
    case activity_error::unknown_lead:
        return "Unknown lead";
    case activity_error::unknown_deal:
        return "Unknown deal";
    case activity_error::unknown_contact:
        return "Unknown contact";
    case activity_error::already_completed:
        return "Activity is completed: reopen it first";
    case activity_error::not_completed:
        return "Activity is not completed";
    case activity_error::nothing_to_change:
        return "Nothing to change";
    }
    return "Conflict";
}

unsigned company_error_status(domain::company_error error) {
    using domain::company_error;
    switch (error) {
    case company_error::not_found:
        return 404;
    case company_error::not_permitted:
        return 403;
    case company_error::already_exists:
    case company_error::duplicate:
    case company_error::nothing_to_change:
        return 409;
    }
    return 409;
}

std::string company_error_title(domain::company_error error) {
    using domain::company_error;
    switch (error) {
    case company_error::not_found:
        return "Company not found";
    case company_error::already_exists:
        return "Company already exists";
    case company_error::not_permitted:
        return "Not permitted";
    case company_error::duplicate:
        return "Another company has this domain";
    case company_error::nothing_to_change:
        return "Nothing to change";
    }
    return "Conflict";
}

/// A contact or company refusal; a duplicate names the record holding the value as
/// `existing_id`.
template <class Refusal>
problem refusal_problem(const Refusal& refusal, unsigned status, std::string title) {
    problem p{status, std::string(domain::to_string(refusal)), title, title};
    if (refusal.existing) {
        p.extensions["existing_id"] = refusal.existing->str();
    }
    return p;
}

problem unavailable_problem(std::string detail) {
    problem p{503, "unavailable", "Service unavailable", std::move(detail)};
    p.headers.emplace_back("Retry-After", "1");
    return p;
}

} // namespace

problem lead_error_problem(domain::lead_error error) {
    return problem{lead_error_status(error), std::string(domain::to_string(error)),
                   lead_error_title(error), lead_error_title(error)};
}

problem domain_error_problem(const domain::crm_error& error) {
    return std::visit(
        [](const auto& e) {
            using error_type = std::decay_t<decltype(e)>;
            unsigned status = 409;
            std::string title;
            if constexpr (std::is_same_v<error_type, domain::lead_error>) {
                return lead_error_problem(e);
            } else if constexpr (std::is_same_v<error_type, domain::deal_error>) {
                status = deal_error_status(e);
                title = deal_error_title(e);
            } else if constexpr (std::is_same_v<error_type, domain::contact_refusal>) {
                return refusal_problem(e, contact_error_status(e.error),
                                       contact_error_title(e.error));
            } else if constexpr (std::is_same_v<error_type, domain::company_refusal>) {
                return refusal_problem(e, company_error_status(e.error),
                                       company_error_title(e.error));
            } else if constexpr (std::is_same_v<error_type, domain::pipeline_error>) {
                status = pipeline_error_status(e);
                title = pipeline_error_title(e);
            } else if constexpr (std::is_same_v<error_type, domain::activity_error>) {
                status = activity_error_status(e);
                title = activity_error_title(e);
            } else {
                return tenancy_problem(e);
            }
            return problem{status, std::string(domain::to_string(e)), title, title};
        },
        error);
}

problem write_failure_problem(const commands::write_failure& failure) {
    using kind = commands::write_failure::kind;
    switch (failure.what) {
    case kind::domain:
        return domain_error_problem(failure.domain_error.value_or(domain::lead_error::not_found));
    case kind::precondition_failed: {
        problem p{412, "precondition-failed", "Precondition failed",
                  "If-Match does not match the current version"};
        p.extensions["current_version"] = failure.current_version;
        p.headers.emplace_back("ETag", "\"" + std::to_string(failure.current_version) + "\"");
        return p;
    }
    case kind::idempotency_key_reused:
        return problem{422, "idempotency-key-reused", "Idempotency-Key reused",
                       "this Idempotency-Key was used for a different request"};
    case kind::idempotency_key_in_flight:
        return problem{409, "idempotency-key-in-flight", "Request in progress",
                       "a request with this Idempotency-Key is still being processed"};
    case kind::not_ready:
        return unavailable_problem("the writer is still loading its state from the log");
    case kind::unavailable:
        break;
    }
    return unavailable_problem("the event log is unavailable; retry with the same Idempotency-Key");
}

problem invalid_input_problem(const commands::invalid_input& input) {
    if (input.what == commands::invalid_input::kind::malformed_json) {
        return problem{400, "malformed-json", "Malformed JSON", input.detail};
    }
    problem p{422, "validation-failed", "Validation failed", input.detail};
    auto errors = nlohmann::json::array();
    for (const auto& e : input.errors) {
        errors.push_back({{"field", e.field}, {"reason", e.reason}});
    }
    p.extensions["errors"] = std::move(errors);
    return p;
}

} // namespace ventros::gateway
