// Pins the writer's contact and company state: the duplicate indexes (kept per tenant,
// freed by updates and merges), links checked against the leads and deals it holds, a
// merge's two events in one decision, and undo of all of it.
#include "aggregate_store.hpp"
#include "project_fixture.hpp"

#include <doctest/doctest.h>

using namespace ventros;

namespace {

const domain::tenant_id acme("acme");
const domain::tenant_id globex("globex");
const domain::contact_id maria{"0190a8e0-0000-7000-8000-0000000000c1"};
const domain::contact_id other{"0190a8e0-0000-7000-8000-0000000000c2"};
const domain::contact_id third{"0190a8e0-0000-7000-8000-0000000000c3"};
const domain::company_id acme_ltda{"0190a8e0-0000-7000-8000-0000000000e1"};
const domain::company_id globex_sa{"0190a8e0-0000-7000-8000-0000000000e2"};
const domain::lead_id lead{"0190a8e0-0000-7000-8000-000000000001"};
const domain::pipeline_id sales_pipeline{"0190a8e0-0000-7000-8000-0000000000f1"};

commands::aggregate_store make_store() {
    commands::aggregate_store store([] { return sales_pipeline; });
    test::open_project(store, "acme");
    test::open_project(store, "globex");
    return store;
}

commands::write_request request_for(domain::crm_command command,
                                    domain::role role = domain::role::admin,
                                    const domain::tenant_id& tenant = acme) {
    commands::write_request r;
    r.context = {tenant, domain::user_id("u1"), role, {}};
    r.command = std::move(command);
    return r;
}

std::vector<commands::decided_event> accepted(commands::aggregate_store& store,
                                              domain::crm_command command,
                                              const domain::tenant_id& tenant = acme) {
    auto decided =
        store.decide_and_apply(request_for(std::move(command), domain::role::admin, tenant));
    REQUIRE(decided);
    return std::move(*decided);
}

domain::crm_error refused(commands::aggregate_store& store, domain::crm_command command) {
    auto decided = store.decide_and_apply(request_for(std::move(command)));
    REQUIRE_FALSE(decided);
    REQUIRE(decided.error().what == commands::write_failure::kind::domain);
    return decided.error().domain_error.value();
}

domain::crm_command contact(const domain::contact_id& id, std::optional<std::string> email,
                            std::optional<std::string> phone = std::nullopt) {
    return domain::contact_command(domain::create_contact{
        .id = id, .name = "Maria", .email = std::move(email), .phone = std::move(phone)});
}

domain::crm_command update_email(const domain::contact_id& id, std::optional<std::string> email) {
    return domain::contact_command(
        domain::update_contact{.id = id, .email = std::optional(std::move(email))});
}

domain::crm_error duplicate_of(const domain::contact_id& id) {
    return domain::contact_refusal(domain::contact_error::duplicate, id);
}

} // namespace

TEST_CASE("a second contact with the same email or phone is refused, naming the first") {
    auto store = make_store();
    accepted(store, contact(maria, "maria@example.com", "+5511987654321"));
    CHECK(refused(store, contact(other, "maria@example.com")) == duplicate_of(maria));
    CHECK(refused(store, contact(other, std::nullopt, "+5511987654321")) == duplicate_of(maria));
    CHECK(store.find_contact(acme, other) == nullptr);
    // Another tenant has its own index.
    accepted(store, contact(other, "maria@example.com"), globex);
    CHECK(store.find_contact(globex, other) != nullptr);
}

TEST_CASE("an update frees the old email and cannot take one in use") {
    auto store = make_store();
    accepted(store, contact(maria, "maria@example.com"));
    accepted(store, contact(other, "other@example.com"));
    CHECK(refused(store, update_email(other, "maria@example.com")) == duplicate_of(maria));
    accepted(store, update_email(maria, "m@example.com"));
    accepted(store, update_email(other, "maria@example.com"));
    CHECK(refused(store, contact(third, "maria@example.com")) == duplicate_of(other));
    accepted(store, update_email(other, std::nullopt));
    accepted(store, contact(third, "maria@example.com"));
}

TEST_CASE("a company's domain is unique per tenant and a contact's company must exist") {
    auto store = make_store();
    const auto company = [](const domain::company_id& id, std::string domain) {
        return domain::crm_command(domain::company_command(
            domain::create_company{.id = id, .name = "Acme", .domain = std::move(domain)}));
    };
    auto with_company = domain::create_contact{.id = maria, .name = "M", .company = acme_ltda};
    CHECK(refused(store, domain::contact_command(with_company)) ==
          domain::crm_error(domain::contact_refusal(domain::contact_error::unknown_company)));
    accepted(store, company(acme_ltda, "acme.com"));
    CHECK(refused(store, company(globex_sa, "acme.com")) ==
          domain::crm_error(domain::company_refusal(domain::company_error::duplicate, acme_ltda)));
    accepted(store, domain::contact_command(with_company));
    CHECK(store.find_contact(acme, maria)->company == acme_ltda);
    accepted(store, domain::company_command(domain::update_company{
                        .id = acme_ltda, .domain = std::optional<std::string>("acme.com.br")}));
    accepted(store, company(globex_sa, "acme.com"));
}

TEST_CASE("a link needs the lead or deal in the writer's state") {
    auto store = make_store();
    accepted(store, contact(maria, std::nullopt));
    const auto link =
        domain::crm_command(domain::contact_command(domain::link_contact{maria, lead}));
    CHECK(refused(store, link) ==
          domain::crm_error(domain::contact_refusal(domain::contact_error::unknown_lead)));
    accepted(store, domain::lead_command(domain::create_lead{.id = lead, .name = "Ana"}));
    const auto events = accepted(store, link);
    REQUIRE(events.size() == 1);
    CHECK(events[0].version == 2);
    CHECK(store.find_contact(acme, maria)->has_link(lead));
}

TEST_CASE("a merge appends the survivor's absorption, then the merge; indexes follow") {
    auto store = make_store();
    accepted(store, contact(maria, std::nullopt, "+5511987654321"));
    accepted(store, contact(other, "other@example.com", "+5511900000000"));
    const auto merge =
        domain::crm_command(domain::contact_command(domain::merge_contacts{maria, other}));
    const auto events = accepted(store, merge);
    REQUIRE(events.size() == 2);
    CHECK(domain::aggregate_id_of(events[0].event) == maria.str());
    CHECK(events[0].version == 2);
    CHECK(domain::aggregate_id_of(events[1].event) == other.str());
    CHECK(events[1].version == 2);
    // The survivor took the email; the merged contact's phone is free again.
    CHECK(store.find_contact(acme, maria)->email == "other@example.com");
    CHECK(store.find_contact(acme, other)->merged_into == maria);
    CHECK(refused(store, contact(third, "other@example.com")) == duplicate_of(maria));
    accepted(store, contact(third, std::nullopt, "+5511900000000"));
    CHECK(refused(store, merge) ==
          domain::crm_error(domain::contact_refusal(domain::contact_error::merged)));
}

TEST_CASE("rolling back a batch restores contacts, companies and every index") {
    auto store = make_store();
    accepted(store, contact(maria, std::nullopt));
    accepted(store, contact(other, "other@example.com"));
    store.begin_batch();
    accepted(store, domain::contact_command(domain::merge_contacts{maria, other}));
    accepted(store, contact(third, std::nullopt, "+5511900000000"));
    accepted(store, domain::company_command(
                        domain::create_company{.id = acme_ltda, .name = "A", .domain = "a.com"}));
    store.rollback_batch();
    CHECK_FALSE(store.find_contact(acme, maria)->email);
    CHECK_FALSE(store.find_contact(acme, other)->merged_into);
    CHECK(store.find_contact(acme, third) == nullptr);
    CHECK(store.find_company(acme, acme_ltda) == nullptr);
    CHECK(refused(store, contact(third, "other@example.com")) == duplicate_of(other));
    accepted(store, contact(third, std::nullopt, "+5511900000000"));
    accepted(store, domain::company_command(
                        domain::create_company{.id = acme_ltda, .name = "A", .domain = "a.com"}));
}

TEST_CASE("replayed events rebuild the same indexes") {
    auto live = make_store();
    std::vector<domain::crm_event> log;
    for (auto command :
         {contact(maria, std::nullopt), contact(other, "o@example.com"),
          domain::crm_command(domain::contact_command(domain::merge_contacts{maria, other}))}) {
        for (auto& decided : accepted(live, std::move(command))) {
            log.push_back(std::move(decided.event));
        }
    }
    auto replayed = make_store();
    for (const auto& event : log) {
        replayed.apply_from_log(acme, event, domain::user_id("u1"));
    }
    CHECK(*replayed.find_contact(acme, maria) == *live.find_contact(acme, maria));
    CHECK(*replayed.find_contact(acme, other) == *live.find_contact(acme, other));
    CHECK(refused(replayed, contact(third, "o@example.com")) == duplicate_of(maria));
}
