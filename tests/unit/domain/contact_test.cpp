// Pins the contact rules of issue 4: duplicates by normalized email or phone (on create and
// update), the company a contact names, links to leads and deals, merges and who may act.
#include "lead_fixtures.hpp"
#include "ventros/domain/contact.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

const contact_id maria{"0190a5c4-7b1e-7c3d-8e2f-0000000000c1"};
const contact_id other{"0190a5c4-7b1e-7c3d-8e2f-0000000000c2"};
const company_id acme_ltda{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};

create_contact new_contact() {
    return {.id = maria,
            .name = "Maria Silva",
            .email = "maria@example.com",
            .phone = "+5511987654321",
            .position = std::nullopt,
            .company = std::nullopt};
}

contact_refusal refused(const contact_command& c, const std::optional<contact_state>& s,
                        const contact_facts& facts = {}, const command_context& ctx = admin) {
    auto r = decide(c, s, facts, ctx);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

std::vector<contact_event> accepted(const contact_command& c, const std::optional<contact_state>& s,
                                    const contact_facts& facts = {},
                                    const command_context& ctx = admin) {
    auto r = decide(c, s, facts, ctx);
    REQUIRE_MESSAGE(r.has_value(), "refused: " << to_string(r.error()).data());
    return *r;
}

contact_state after(const contact_command& c, const std::optional<contact_state>& s,
                    const contact_facts& facts = {}, const command_context& ctx = admin) {
    std::optional<contact_state> state = s;
    for (const auto& e : accepted(c, s, facts, ctx)) {
        REQUIRE(subject_of(e) == subject_of(c));
        state = evolve(state, e);
    }
    return *state;
}

contact_state created(create_contact c = new_contact()) {
    return after(c, std::nullopt);
}

contact_facts company_exists() {
    return {.company_exists = true};
}

} // namespace

TEST_CASE("a contact is created with its fields; any role but viewer may create one") {
    for (const auto& ctx : {admin, manager, agent_ana}) {
        const auto events = accepted(new_contact(), std::nullopt, {}, ctx);
        REQUIRE(events.size() == 1);
        const auto& e = std::get<contact_created>(events[0]);
        CHECK(e.name == "Maria Silva");
        CHECK(e.email == "maria@example.com");
    }
    CHECK(refused(new_contact(), std::nullopt, {}, viewer) == contact_error::not_permitted);
    const auto s = created();
    CHECK(s.version == 1);
    CHECK(s.links.empty());
    CHECK_FALSE(s.merged_into);
    CHECK(refused(new_contact(), s) == contact_error::already_exists);
}

TEST_CASE("create: an email or a phone another contact has is a duplicate naming it") {
    CHECK(refused(new_contact(), std::nullopt, {.email_holder = other}) ==
          contact_refusal(contact_error::duplicate, other));
    CHECK(refused(new_contact(), std::nullopt, {.phone_holder = other}) ==
          contact_refusal(contact_error::duplicate, other));
    // The email is checked first.
    const contact_id third{"0190a5c4-7b1e-7c3d-8e2f-0000000000c3"};
    CHECK(refused(new_contact(), std::nullopt, {.email_holder = other, .phone_holder = third})
              .existing == other);
    // A holder only matters for a value the command sets.
    auto nameless = new_contact();
    nameless.email.reset();
    nameless.phone.reset();
    CHECK(accepted(nameless, std::nullopt, {.email_holder = other}).size() == 1);
}

TEST_CASE("create and update: the company must exist") {
    auto c = new_contact();
    c.company = acme_ltda;
    CHECK(refused(c, std::nullopt) == contact_error::unknown_company);
    CHECK(after(c, std::nullopt, company_exists()).company == acme_ltda);

    const auto s = created();
    const update_contact set_company{.id = maria, .company = std::optional(acme_ltda)};
    CHECK(refused(set_company, s) == contact_error::unknown_company);
    CHECK(after(set_company, s, company_exists()).company == acme_ltda);
    // Clearing needs no company.
    const auto with_company = after(set_company, s, company_exists());
    const update_contact clear{.id = maria, .company = std::optional<company_id>{}};
    CHECK_FALSE(after(clear, with_company).company);
}

TEST_CASE("update: only changed fields are recorded, duplicates are refused, nothing is 409") {
    const auto s = created();
    const auto events =
        accepted(update_contact{.id = maria,
                                .name = "Maria Silva",
                                .email = std::optional<std::string>("m@example.com"),
                                .position = std::optional<std::string>("CEO")},
                 s);
    REQUIRE(events.size() == 1);
    const auto& e = std::get<contact_updated>(events[0]);
    CHECK_FALSE(e.name);
    CHECK(e.email == std::optional<std::optional<std::string>>("m@example.com"));
    CHECK(e.position == std::optional<std::optional<std::string>>("CEO"));
    CHECK_FALSE(e.phone);

    const update_contact new_email{.id = maria,
                                   .email = std::optional<std::string>("ana@example.com")};
    CHECK(refused(new_email, s, {.email_holder = other}) ==
          contact_refusal(contact_error::duplicate, other));
    const update_contact new_phone{.id = maria,
                                   .phone = std::optional<std::string>("+5511900000000")};
    CHECK(refused(new_phone, s, {.phone_holder = other}) ==
          contact_refusal(contact_error::duplicate, other));
    // Its own email is no duplicate; setting the same values changes nothing.
    const update_contact same{.id = maria,
                              .name = "Maria Silva",
                              .email = std::optional<std::string>("maria@example.com")};
    CHECK(refused(same, s, {.email_holder = maria}) == contact_error::nothing_to_change);
    // Clearing is never a duplicate.
    const update_contact clear{.id = maria, .email = std::optional<std::string>{}};
    CHECK_FALSE(after(clear, s, {.email_holder = other}).email);

    CHECK(refused(new_email, std::nullopt) == contact_error::not_found);
    CHECK(refused(new_email, s, {}, viewer) == contact_error::not_permitted);
    CHECK(after(new_email, s, {}, agent_bruno).email == "ana@example.com");
}

TEST_CASE("links: the lead or deal must exist, twice is nothing to change, unlink undoes") {
    const auto s = created();
    const link_contact to_lead{maria, lead_1};
    const link_contact to_deal{maria, deal_1};
    CHECK(refused(to_lead, s) == contact_error::unknown_lead);
    CHECK(refused(to_deal, s) == contact_error::unknown_deal);
    const contact_facts exists{.link_target_exists = true};
    auto linked = after(to_lead, s, exists);
    linked = after(to_deal, linked, exists, agent_ana);
    CHECK(linked.links == std::vector<contact_link>{lead_1, deal_1});
    CHECK(refused(to_lead, linked, exists) == contact_error::nothing_to_change);

    const unlink_contact unlink{maria, lead_1};
    const auto unlinked = after(unlink, linked);
    CHECK(unlinked.links == std::vector<contact_link>{deal_1});
    CHECK(refused(unlink, unlinked) == contact_error::nothing_to_change);
}

TEST_CASE("merge: the survivor takes the merged one's empty fields and missing links") {
    auto survivor_command = new_contact();
    survivor_command.phone.reset();
    const auto survivor =
        after(link_contact{maria, deal_1}, created(survivor_command), {.link_target_exists = true});
    auto merged = created(create_contact{.id = other,
                                         .name = "M. Silva",
                                         .email = "msilva@example.com",
                                         .phone = "+5511911111111",
                                         .position = "CFO",
                                         .company = std::nullopt});
    merged = after(link_contact{other, lead_1}, merged, {.link_target_exists = true});
    merged = after(link_contact{other, deal_1}, merged, {.link_target_exists = true});

    const auto events =
        accepted(merge_contacts{maria, other}, survivor, {.merged = merged}, manager);
    REQUIRE(events.size() == 2);
    const auto& absorbed = std::get<contact_absorbed>(events[0]);
    CHECK(absorbed.id == maria);
    CHECK(absorbed.absorbed == other);
    CHECK_FALSE(absorbed.email); // the survivor keeps its own email
    CHECK(absorbed.phone == "+5511911111111");
    CHECK(absorbed.position == "CFO");
    CHECK(absorbed.links == std::vector<contact_link>{lead_1});
    const auto& merged_event = std::get<contact_merged>(events[1]);
    CHECK(merged_event.id == other);
    CHECK(merged_event.into == maria);

    const auto survivor_after = evolve(survivor, events[0]);
    CHECK(survivor_after.email == "maria@example.com");
    CHECK(survivor_after.phone == "+5511911111111");
    CHECK(survivor_after.links == std::vector<contact_link>{deal_1, lead_1});
    const auto merged_after = evolve(merged, events[1]);
    CHECK(merged_after.merged_into == maria);
    CHECK(merged_after.links.empty());

    // A merged contact is read-only: every write to it, and merging it again, is refused.
    CHECK(refused(update_contact{.id = other, .name = "x"}, merged_after) == contact_error::merged);
    CHECK(refused(link_contact{other, lead_1}, merged_after, {.link_target_exists = true}) ==
          contact_error::merged);
    CHECK(refused(merge_contacts{other, maria}, merged_after, {.merged = survivor_after}) ==
          contact_error::merged);
    CHECK(refused(merge_contacts{maria, other}, survivor_after, {.merged = merged_after}) ==
          contact_error::merged);
}

TEST_CASE("merge: admins and managers only; not into itself; the merged one must exist") {
    const auto s = created();
    const auto o = created(create_contact{.id = other, .name = "Other"});
    CHECK(refused(merge_contacts{maria, other}, s, {.merged = o}, agent_ana) ==
          contact_error::not_permitted);
    CHECK(refused(merge_contacts{maria, other}, s, {.merged = o}, viewer) ==
          contact_error::not_permitted);
    CHECK(refused(merge_contacts{maria, maria}, s, {.merged = s}) ==
          contact_error::merge_into_itself);
    CHECK(refused(merge_contacts{maria, other}, s) == contact_error::unknown_contact);
    CHECK(refused(merge_contacts{maria, other}, std::nullopt, {.merged = o}) ==
          contact_error::not_found);
    CHECK(accepted(merge_contacts{maria, other}, s, {.merged = o}, admin).size() == 2);
}

TEST_CASE("every contact refusal has a stable slug") {
    CHECK(to_string(contact_error::duplicate) == "contact-duplicate");
    CHECK(to_string(contact_error::merged) == "contact-merged");
    CHECK(to_string(contact_error::unknown_company) == "unknown-company");
    CHECK(to_string(contact_refusal(contact_error::merge_into_itself)) == "merge-into-itself");
}
