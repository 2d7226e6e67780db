// Pins the wire names of roles, stages, sources and the slugs of lead errors.
#include "lead_fixtures.hpp"

using namespace ventros::domain;

TEST_CASE("every role round-trips through its name and only viewer cannot write") {
    for (role r : {role::admin, role::manager, role::agent, role::viewer}) {
        CHECK(parse_role(to_string(r)) == r);
    }
    CHECK(to_string(role::manager) == "manager");
    CHECK_FALSE(parse_role("Admin"));
    CHECK_FALSE(parse_role(""));
    CHECK(can_write_crm(role::admin));
    CHECK(can_write_crm(role::manager));
    CHECK(can_write_crm(role::agent));
    CHECK_FALSE(can_write_crm(role::viewer));
}

TEST_CASE("admin and manager change any record, an agent only their own, a viewer none") {
    for (const bool own : {true, false}) {
        CHECK(can_change_record(role::admin, own));
        CHECK(can_change_record(role::manager, own));
        CHECK_FALSE(can_change_record(role::viewer, own));
    }
    CHECK(can_change_record(role::agent, true));
    CHECK_FALSE(can_change_record(role::agent, false));
}

TEST_CASE("every stage round-trips and new_lead is spelled new") {
    for (lead_stage s : {lead_stage::new_lead, lead_stage::contacted, lead_stage::qualified,
                         lead_stage::unqualified, lead_stage::converted, lead_stage::lost}) {
        CHECK(parse_lead_stage(to_string(s)) == s);
    }
    CHECK(to_string(lead_stage::new_lead) == "new");
    CHECK_FALSE(parse_lead_stage("new_lead"));
    CHECK_FALSE(parse_lead_stage("Qualified"));
}

TEST_CASE("every source round-trips and unknown sources are refused") {
    for (lead_source s : {lead_source::whatsapp, lead_source::web, lead_source::email,
                          lead_source::phone, lead_source::import, lead_source::api,
                          lead_source::referral, lead_source::event, lead_source::other}) {
        CHECK(parse_lead_source(to_string(s)) == s);
    }
    CHECK(to_string(lead_source::whatsapp) == "whatsapp");
    CHECK_FALSE(parse_lead_source("telegram"));
}

TEST_CASE("lead errors have stable distinct slugs") {
    CHECK(to_string(lead_error::not_found) == "lead-not-found");
    CHECK(to_string(lead_error::already_exists) == "lead-already-exists");
    CHECK(to_string(lead_error::already_converted) == "lead-already-converted");
    CHECK(to_string(lead_error::lead_is_lost) == "lead-is-lost");
    CHECK(to_string(lead_error::not_qualified) == "lead-not-qualified");
    CHECK(to_string(lead_error::agent_role_not_assignable) == "agent-role-not-assignable");
    CHECK(to_string(lead_error::stage_not_settable) == "stage-not-settable");
    CHECK(to_string(lead_error::nothing_to_change) == "nothing-to-change");
    CHECK(to_string(lead_error::not_permitted) == "not-permitted");
}
