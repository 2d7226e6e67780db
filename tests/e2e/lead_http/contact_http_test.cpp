// Contacts and companies over HTTP as a client uses them: create, read, update, duplicates
// by normalized email, phone and domain (409 naming the existing record), links to leads
// and deals, merges (events on both, the merged one read-only), lists, roles, and every
// refusal as a problem with nothing appended.
#include "lead_api.hpp"

#include <doctest/doctest.h>

using nlohmann::json;
using ventros::e2e::append_watch;
using ventros::e2e::check_problem;
using ventros::e2e::lead_api;

namespace {

std::string id_of(const json& reply) {
    return reply.at("id").get<std::string>();
}

std::string contacts_path(const lead_api& api) {
    return api.tenant_path() + "/contacts";
}

std::string companies_path(const lead_api& api) {
    return api.tenant_path() + "/companies";
}

std::string contact_path(const lead_api& api, const std::string& id) {
    return contacts_path(api) + "/" + id;
}

/// The event types of a journal page, in order.
std::vector<std::string> types_of(const json& page) {
    std::vector<std::string> types;
    for (const auto& e : page.at("items")) {
        types.push_back(e.at("type").get<std::string>());
    }
    return types;
}

/// Sends as another user with another role in `api`'s tenant.
ventros::testing::http_reply send_as(const lead_api& api, const std::string& role,
                                     const std::string& user, const std::string& method,
                                     const std::string& target, const json& body) {
    const auto bearer =
        "Bearer " + ventros::e2e::shared_stack().token(user, {{api.tenant(), role}});
    return ventros::e2e::shared_stack().client().request(
        method, target, {{"Authorization", bearer}, {"Content-Type", "application/json"}},
        body.dump());
}

} // namespace

TEST_CASE("a created contact is readable, normalized, with a Location") {
    lead_api api;
    const auto company =
        api.command("POST", companies_path(api),
                    {{"name", "Loja da Maria"}, {"domain", "lojadamaria.com.br"}}, 201);
    const auto reply = api.send("POST", contacts_path(api),
                                {{"name", "Maria Silva"},
                                 {"email", " Maria@LojaDaMaria.com.BR "},
                                 {"phone", "+55 (11) 98765-4321"},
                                 {"position", "Sócia"},
                                 {"company_id", id_of(company)}});
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    const auto id = id_of(reply.json());
    CHECK(reply.header("location") == contact_path(api, id));
    CHECK(reply.header("etag") == "\"1\"");
    const auto contact = api.read(contact_path(api, id), reply.json().at("position"));
    CHECK(contact.at("name") == "Maria Silva");
    CHECK(contact.at("email") == "maria@lojadamaria.com.br");
    CHECK(contact.at("phone") == "+5511987654321");
    CHECK(contact.at("position") == "Sócia");
    CHECK(contact.at("company_id") == id_of(company));
    CHECK(contact.at("lead_ids") == json::array());
    CHECK(contact.at("merged_into").is_null());
    CHECK(contact.at("created_by") == "u-e2e");
    CHECK(contact.at("version") == 1);
}

TEST_CASE("duplicates by normalized email or phone are 409 with the existing id") {
    lead_api api;
    const auto first = id_of(api.command(
        "POST", contacts_path(api),
        {{"name", "Maria"}, {"email", "maria@example.com"}, {"phone", "+5511987654321"}}, 201));
    const auto second = id_of(api.command("POST", contacts_path(api),
                                          {{"name", "Ana"}, {"email", "ana@example.com"}}, 201));
    const append_watch appends;
    for (const auto& body : {json{{"name", "M"}, {"email", "MARIA@example.com"}},
                             json{{"name", "M"}, {"phone", "+55 11 98765-4321"}}}) {
        CAPTURE(body);
        const auto reply = api.send("POST", contacts_path(api), body);
        check_problem(reply, 409, "contact-duplicate");
        CHECK(reply.json().at("existing_id") == first);
    }
    const auto update =
        api.send("PATCH", contact_path(api, second), {{"email", "Maria@Example.com"}});
    check_problem(update, 409, "contact-duplicate");
    CHECK(update.json().at("existing_id") == first);
    CHECK(appends.unchanged());
    // Another tenant may hold the same email.
    lead_api other;
    other.command("POST", contacts_path(other), {{"name", "Maria"}, {"email", "maria@example.com"}},
                  201);
}

TEST_CASE("PATCH changes and clears fields; an unknown company is 422") {
    lead_api api;
    const auto id = id_of(api.command("POST", contacts_path(api),
                                      {{"name", "Maria"}, {"email", "maria@example.com"}}, 201));
    const auto path = contact_path(api, id);
    const auto patched = api.command(
        "PATCH", path, {{"name", "Maria Silva"}, {"email", nullptr}, {"position", "CEO"}});
    const auto contact = api.read(path, patched.at("position"));
    CHECK(contact.at("name") == "Maria Silva");
    CHECK(contact.at("email").is_null());
    CHECK(contact.at("position") == "CEO");
    const append_watch appends;
    check_problem(api.send("PATCH", path, {{"name", "Maria Silva"}}), 409, "nothing-to-change");
    check_problem(api.send("PATCH", path, {{"company_id", "0190a8e0-0000-7000-8000-0000000000e9"}}),
                  422, "unknown-company");
    check_problem(api.send("POST", contacts_path(api),
                           {{"name", "X"}, {"company_id", "0190a8e0-0000-7000-8000-0000000000e9"}}),
                  422, "unknown-company");
    CHECK(appends.unchanged());
}

TEST_CASE("links to leads and deals: must exist, twice is a conflict, DELETE unlinks") {
    lead_api api;
    const auto id = id_of(api.command("POST", contacts_path(api), {{"name", "Maria"}}, 201));
    const auto path = contact_path(api, id);
    const auto lead = api.create_lead({{"name", "Lead da Maria"}});
    const auto deal =
        id_of(api.command("POST", api.deals_path(),
                          {{"title", "ERP"}, {"value_cents", 100}, {"currency", "BRL"}}, 201));
    api.command("POST", path + "/links", {{"lead_id", lead}});
    const auto linked = api.command("POST", path + "/links", {{"deal_id", deal}});
    auto contact = api.read(path, linked.at("position"));
    CHECK(contact.at("lead_ids") == json::array({lead}));
    CHECK(contact.at("deal_ids") == json::array({deal}));
    {
        const append_watch appends;
        check_problem(api.send("POST", path + "/links", {{"lead_id", lead}}), 409,
                      "nothing-to-change");
        check_problem(api.send("POST", path + "/links",
                               {{"lead_id", "0190a8e0-0000-7000-8000-000000000099"}}),
                      422, "unknown-lead");
        check_problem(api.send("POST", path + "/links",
                               {{"deal_id", "0190a8e0-0000-7000-8000-000000000099"}}),
                      422, "unknown-deal");
        check_problem(api.send("POST", path + "/links", {{"lead_id", lead}, {"deal_id", deal}}),
                      422, "validation-failed");
        check_problem(api.send("POST", path + "/links", json::object()), 422, "validation-failed");
        CHECK(appends.unchanged());
    }
    const auto unlinked = api.send("DELETE", path + "/links/deals/" + deal);
    REQUIRE_MESSAGE(unlinked.status == 200, unlinked.body);
    contact = api.read(path, unlinked.json().at("position"));
    CHECK(contact.at("deal_ids") == json::array());
    const append_watch appends;
    check_problem(api.send("DELETE", path + "/links/deals/" + deal), 409, "nothing-to-change");
    check_problem(api.send("DELETE", path + "/links/leads/not-a-uuid"), 404, "lead-not-found");
    CHECK(appends.unchanged());
}

TEST_CASE("a merge appends on both contacts; the merged one is read-only") {
    lead_api api;
    const auto survivor = id_of(api.command("POST", contacts_path(api),
                                            {{"name", "Maria"}, {"phone", "+5511987654321"}}, 201));
    const auto merged = id_of(api.command(
        "POST", contacts_path(api),
        {{"name", "M. Silva"}, {"email", "msilva@example.com"}, {"position", "CFO"}}, 201));
    const auto lead = api.create_lead({{"name", "Lead"}});
    api.command("POST", contact_path(api, merged) + "/links", {{"lead_id", lead}});

    const auto reply =
        api.send("POST", contact_path(api, survivor) + "/merge", {{"merged_id", merged}});
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    CHECK(id_of(reply.json()) == survivor);
    CHECK(reply.header("location") == contact_path(api, survivor));
    const auto position = reply.json().at("position");
    const auto after = api.read(contact_path(api, survivor), position);
    CHECK(after.at("email") == "msilva@example.com");
    CHECK(after.at("phone") == "+5511987654321");
    CHECK(after.at("position") == "CFO");
    CHECK(after.at("lead_ids") == json::array({lead}));
    const auto gone = api.read(contact_path(api, merged), position);
    CHECK(gone.at("merged_into") == survivor);
    CHECK(gone.at("lead_ids") == json::array());
    CHECK(types_of(api.read(contact_path(api, survivor) + "/events", position)).back() ==
          "ventros.crm.contact.absorbed.v1");
    CHECK(types_of(api.read(contact_path(api, merged) + "/events", position)) ==
          std::vector<std::string>{"ventros.crm.contact.created.v1",
                                   "ventros.crm.contact.linked.v1",
                                   "ventros.crm.contact.merged.v1"});
    // The list leaves merged contacts out.
    const auto list = api.read(contacts_path(api), position);
    CHECK(list.at("items").size() == 1);

    const append_watch appends;
    check_problem(api.send("PATCH", contact_path(api, merged), {{"name", "x"}}), 409,
                  "contact-merged");
    check_problem(api.send("POST", contact_path(api, survivor) + "/merge", {{"merged_id", merged}}),
                  409, "contact-merged");
    check_problem(
        api.send("POST", contact_path(api, survivor) + "/merge", {{"merged_id", survivor}}), 422,
        "merge-into-itself");
    check_problem(api.send("POST", contact_path(api, survivor) + "/merge",
                           {{"merged_id", "0190a8e0-0000-7000-8000-000000000099"}}),
                  422, "unknown-contact");
    check_problem(api.send("POST", contact_path(api, survivor) + "/merge", {{"merged_id", 7}}), 422,
                  "validation-failed");
    CHECK(appends.unchanged());
    // The merged contact's email now belongs to the survivor.
    const auto duplicate =
        api.send("POST", contacts_path(api), {{"name", "x"}, {"email", "msilva@example.com"}});
    check_problem(duplicate, 409, "contact-duplicate");
    CHECK(duplicate.json().at("existing_id") == survivor);
}

TEST_CASE("agents write contacts but do not merge them; viewers write nothing") {
    lead_api api;
    const auto create = [&](const std::string& role, const std::string& name) {
        return send_as(api, role, "user-" + role, "POST", contacts_path(api), {{"name", name}});
    };
    const auto a = create("agent", "A");
    const auto b = create("agent", "B");
    REQUIRE_MESSAGE(a.status == 201, a.body);
    REQUIRE_MESSAGE(b.status == 201, b.body);
    const append_watch appends;
    check_problem(send_as(api, "agent", "user-agent", "POST",
                          contact_path(api, id_of(a.json())) + "/merge",
                          {{"merged_id", id_of(b.json())}}),
                  403, "not-permitted");
    check_problem(create("viewer", "C"), 403, "forbidden");
    check_problem(
        send_as(api, "viewer", "user-viewer", "POST", companies_path(api), {{"name", "Acme"}}), 403,
        "forbidden");
    CHECK(appends.unchanged());
    const auto merged =
        send_as(api, "manager", "user-manager", "POST",
                contact_path(api, id_of(a.json())) + "/merge", {{"merged_id", id_of(b.json())}});
    CHECK_MESSAGE(merged.status == 200, merged.body);
}

TEST_CASE("companies: created normalized, domain unique, updated, listed") {
    lead_api api;
    const auto reply = api.send("POST", companies_path(api),
                                {{"name", "Acme Ltda"},
                                 {"domain", "https://WWW.Acme.com.br/contato"},
                                 {"industry", "Varejo"},
                                 {"size", "11-50"}});
    REQUIRE_MESSAGE(reply.status == 201, reply.body);
    const auto id = id_of(reply.json());
    const auto path = companies_path(api) + "/" + id;
    CHECK(reply.header("location") == path);
    auto company = api.read(path, reply.json().at("position"));
    CHECK(company.at("domain") == "acme.com.br");
    CHECK(company.at("size") == "11-50");
    {
        const append_watch appends;
        const auto duplicate =
            api.send("POST", companies_path(api), {{"name", "Other"}, {"domain", "acme.com.br"}});
        check_problem(duplicate, 409, "company-duplicate");
        CHECK(duplicate.json().at("existing_id") == id);
        check_problem(api.send("POST", companies_path(api), {{"name", "X"}, {"domain", "acme"}}),
                      422, "validation-failed");
        check_problem(api.send("POST", companies_path(api), {{"name", "X"}, {"size", "huge"}}), 422,
                      "validation-failed");
        check_problem(api.send("PATCH", path, {{"name", "Acme Ltda"}}), 409, "nothing-to-change");
        check_problem(api.send("PATCH", companies_path(api) + "/nope", {{"name", "x"}}), 404,
                      "company-not-found");
        check_problem(api.send("PATCH",
                               companies_path(api) + "/0190a8e0-0000-7000-8000-0000000000e9",
                               {{"name", "x"}}),
                      404, "company-not-found");
        CHECK(appends.unchanged());
    }
    const auto updated = api.command("PATCH", path, {{"industry", nullptr}, {"size", "51-200"}});
    company = api.read(path, updated.at("position"));
    CHECK(company.at("industry").is_null());
    CHECK(company.at("size") == "51-200");
    CHECK(company.at("version") == 2);
    CHECK(types_of(api.read(path + "/events", updated.at("position"))) ==
          std::vector<std::string>{"ventros.crm.company.created.v1",
                                   "ventros.crm.company.updated.v1"});
    const auto other = api.command("POST", companies_path(api), {{"name", "Beta"}}, 201);
    const auto page = api.read(companies_path(api) + "?q=ac", other.at("position"));
    REQUIRE(page.at("items").size() == 1);
    CHECK(page.at("items")[0].at("id") == id);
    CHECK(api.read(companies_path(api) + "?domain=ACME.com.br", other.at("position"))
              .at("items")
              .size() == 1);
}

TEST_CASE("GET /contacts filters by q, company and email, and pages") {
    lead_api api;
    const auto company = id_of(api.command("POST", companies_path(api), {{"name", "Acme"}}, 201));
    api.command("POST", contacts_path(api),
                {{"name", "Maria Silva"}, {"email", "maria@acme.com"}, {"company_id", company}},
                201);
    api.command("POST", contacts_path(api), {{"name", "Mariana"}, {"email", "mari@beta.com"}}, 201);
    const auto last = api.command("POST", contacts_path(api), {{"name", "João"}}, 201);
    const auto names = [&](const std::string& query) {
        const auto page = api.read(contacts_path(api) + query, last.at("position"));
        std::vector<std::string> out;
        for (const auto& item : page.at("items")) {
            out.push_back(item.at("name").get<std::string>());
        }
        return out;
    };
    CHECK(names("?q=mari") == std::vector<std::string>{"Mariana", "Maria Silva"});
    CHECK(names("?q=MARIA%20S") == std::vector<std::string>{"Maria Silva"});
    CHECK(names("?q=mari%40beta") == std::vector<std::string>{"Mariana"});
    CHECK(names("?q=%25") == std::vector<std::string>{});
    CHECK(names("?company_id=" + company) == std::vector<std::string>{"Maria Silva"});
    CHECK(names("?email=Maria%40Acme.com") == std::vector<std::string>{"Maria Silva"});

    const auto first = api.read(contacts_path(api) + "?limit=2", last.at("position"));
    REQUIRE(first.at("items").size() == 2);
    const auto cursor = first.at("next_cursor").get<std::string>();
    const auto second =
        api.read(contacts_path(api) + "?limit=2&cursor=" + cursor, last.at("position"));
    CHECK(second.at("items").size() == 1);
    CHECK(second.at("next_cursor").is_null());

    check_problem(api.get(contacts_path(api) + "?company_id=acme"), 422, "invalid-query");
    check_problem(api.get(contacts_path(api) + "?stage=new"), 422, "invalid-query");
    check_problem(api.get(contacts_path(api) + "?cursor=bogus"), 422, "invalid-query");
    check_problem(api.get(contacts_path(api) + "?q=" + std::string(201, 'a')), 422,
                  "invalid-query");
    check_problem(api.get(contact_path(api, "not-a-uuid")), 404, "contact-not-found");
    check_problem(api.get(contact_path(api, "0190a8e0-0000-7000-8000-0000000000c9") + "/events"),
                  404, "contact-not-found");
    check_problem(api.get(companies_path(api) + "/0190a8e0-0000-7000-8000-0000000000e9"), 404,
                  "company-not-found");
}

TEST_CASE("bad contact bodies are 422 naming the field, and nothing is appended") {
    lead_api api;
    const auto id = id_of(api.command("POST", contacts_path(api), {{"name", "Maria"}}, 201));
    const append_watch appends;
    check_problem(api.send("POST", contacts_path(api), json::object()), 422, "validation-failed");
    check_problem(api.send("POST", contacts_path(api), {{"name", "M"}, {"email", "nope"}}), 422,
                  "validation-failed");
    check_problem(api.send("POST", contacts_path(api), {{"name", "M"}, {"phone", "12"}}), 422,
                  "validation-failed");
    check_problem(api.send("POST", contacts_path(api), {{"name", "M"}, {"nickname", "x"}}), 422,
                  "validation-failed");
    check_problem(api.send("PATCH", contact_path(api, id), json::object()), 422,
                  "validation-failed");
    check_problem(api.send("PATCH", contact_path(api, "0190a8e0-0000-7000-8000-0000000000c9"),
                           {{"name", "x"}}),
                  404, "contact-not-found");
    check_problem(api.send("DELETE", contact_path(api, id) + "/links/leads/" + id, {{"x", 1}}), 422,
                  "validation-failed");
    CHECK(appends.unchanged());
}
