// Pins the gateway's contact and company queries as the reader role: q by name or email
// (and domain) prefix with LIKE wildcards taken literally, company and email filters,
// merged contacts left out of lists, pages without gaps, finds and journals per tenant.
#include "sales_events_fixture.hpp"
#include "ventros/projections/contact_queries.hpp"
#include "ventros/projections/contacts_projection.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using projections::company_filter;
using projections::contact_filter;
using test::ordered_uuid;

namespace {

const std::string acme = ordered_uuid(900);
const std::string beta = ordered_uuid(901);

std::string contact_id(int n) {
    return ordered_uuid(static_cast<std::uint64_t>(n));
}

struct seeded {
    test::pg_database db;
    pqxx::connection reader;

    seeded() : reader((seed(db), db.conninfo("ventros_reader"))) {}

    // tenant-a: companies Acme (acme.com) and Beta_Corp; contacts 1 Maria (Acme), 2
    // Mariana, 3 João, 4 "100% Maria" merged into 1. tenant-b: contact 5 Maria.
    static void seed(const test::pg_database& db) {
        test::migrate(db);
        test::event_factory make;
        const auto contact = [&](const std::string& tenant, int n, std::string name,
                                 std::optional<std::string> email,
                                 std::optional<std::string> company = std::nullopt) {
            return make.make(tenant, 1,
                             domain::contact_event(domain::contact_created{
                                 .id = domain::contact_id(contact_id(n)),
                                 .name = std::move(name),
                                 .email = std::move(email),
                                 .company = company.transform([](const std::string& id) {
                                     return domain::company_id(id);
                                 })}));
        };
        std::vector<projections::decoded_event> events{
            make.make("tenant-a", 1,
                      domain::company_event(domain::company_created{
                          .id = domain::company_id(acme), .name = "Acme", .domain = "acme.com"})),
            make.make("tenant-a", 1,
                      domain::company_event(domain::company_created{.id = domain::company_id(beta),
                                                                    .name = "Beta_Corp"})),
            contact("tenant-a", 1, "Maria Silva", "maria@acme.com", acme),
            contact("tenant-a", 2, "Mariana", "mari@beta.com"),
            contact("tenant-a", 3, "João", std::nullopt),
            contact("tenant-a", 4, "100% Maria", "cem@x.com"),
            make.make("tenant-a", 2,
                      domain::contact_event(domain::contact_merged{
                          domain::contact_id(contact_id(4)), domain::contact_id(contact_id(1))})),
            contact("tenant-b", 5, "Maria B", "maria@acme.com"),
        };
        pqxx::connection projector(db.conninfo("ventros_projector"));
        pqxx::work tx(projector);
        REQUIRE(projections::contacts_projection{}
                    .apply(tx, events, projections::table_names{})
                    .rejected.empty());
        tx.commit();
    }

    template <class Query>
    auto as(const std::string& tenant, Query query) {
        pqxx::work tx(reader);
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
        return query(tx);
    }

    std::vector<std::string> contact_names(contact_filter filter,
                                           const std::string& tenant = "tenant-a") {
        filter.tenant_id = tenant;
        return as(tenant, [&](pqxx::transaction_base& tx) {
            std::vector<std::string> out;
            const auto items = nlohmann::json::parse(projections::list_contacts(tx, filter).items);
            for (const auto& item : items) {
                out.push_back(item["name"]);
            }
            return out;
        });
    }

    std::vector<std::string> company_names(company_filter filter) {
        filter.tenant_id = "tenant-a";
        return as("tenant-a", [&](pqxx::transaction_base& tx) {
            std::vector<std::string> out;
            const auto items = nlohmann::json::parse(projections::list_companies(tx, filter).items);
            for (const auto& item : items) {
                out.push_back(item["name"]);
            }
            return out;
        });
    }
};

using names = std::vector<std::string>;

} // namespace

TEST_CASE("contact lists: q prefixes, company and email filters, merged ones left out") {
    seeded s;
    CHECK(s.contact_names({}) == names{"João", "Mariana", "Maria Silva"});
    CHECK(s.contact_names({.q = "mari"}) == names{"Mariana", "Maria Silva"});
    CHECK(s.contact_names({.q = "MARIA S"}) == names{"Maria Silva"});
    CHECK(s.contact_names({.q = "maria@"}) == names{"Maria Silva"});
    CHECK(s.contact_names({.q = "silva"}) == names{}); // a prefix, not a substring
    CHECK(s.contact_names({.q = "100%"}) == names{});  // merged, and % is literal
    CHECK(s.contact_names({.q = "_ari"}) == names{});
    CHECK(s.contact_names({.company_id = acme}) == names{"Maria Silva"});
    CHECK(s.contact_names({.email = "MARIA@acme.com"}) == names{"Maria Silva"});
    CHECK(s.contact_names({}, "tenant-b") == names{"Maria B"});
    CHECK_THROWS_AS(s.contact_names({.company_id = "acme"}), std::invalid_argument);
}

TEST_CASE("contact pages follow each other without gaps") {
    seeded s;
    const auto first = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::list_contacts(tx, {.tenant_id = "tenant-a", .limit = 2});
    });
    REQUIRE(first.last_id);
    CHECK(*first.last_id == contact_id(2));
    const auto second = s.as("tenant-a", [&](pqxx::transaction_base& tx) {
        return projections::list_contacts(
            tx, {.tenant_id = "tenant-a", .limit = 2, .after_contact_id = first.last_id});
    });
    CHECK_FALSE(second.last_id);
    CHECK(nlohmann::json::parse(second.items).size() == 1);
}

TEST_CASE("company lists, finds and journals stay within the tenant") {
    seeded s;
    CHECK(s.company_names({}) == names{"Beta_Corp", "Acme"});
    CHECK(s.company_names({.q = "acme.c"}) == names{"Acme"});
    CHECK(s.company_names({.q = "b"}) == names{"Beta_Corp"});
    CHECK(s.company_names({.q = "Beta_"}) == names{"Beta_Corp"});
    CHECK(s.company_names({.domain = "ACME.com"}) == names{"Acme"});

    const auto merged = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::find_contact(tx, "tenant-a", contact_id(4));
    });
    REQUIRE(merged);
    CHECK((*merged)["merged_into"] == contact_id(1));
    CHECK((*merged)["lead_ids"] == nlohmann::json::array());
    CHECK((*merged)["version"] == 2);
    CHECK_FALSE(s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::find_contact(tx, "tenant-a", contact_id(5));
    }));
    CHECK_FALSE(s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::find_company(tx, "tenant-a", "not-a-uuid");
    }));
    const auto journal = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::list_contact_events(tx, "tenant-a", contact_id(4), 10, std::nullopt);
    });
    REQUIRE(journal["items"].size() == 2);
    CHECK(journal["items"][1]["type"] == "ventros.crm.contact.merged.v1");
    const auto company_journal = s.as("tenant-a", [](pqxx::transaction_base& tx) {
        return projections::list_company_events(tx, "tenant-a", acme, 10, std::nullopt);
    });
    CHECK(company_journal["items"].size() == 1);
}
