// Pins how contact and company request bodies are checked and normalized before they reach
// the domain: emails and phones exactly as for leads, web domains to their host.
#include "decoder_errors.hpp"
#include "ventros/commands/company_command_decoder.hpp"
#include "ventros/commands/contact_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using testing::error_fields;
using testing::malformed;
using fields = std::vector<std::string>;

namespace {

const domain::contact_id id{"0190a8e0-0000-7000-8000-0000000000c1"};
const domain::company_id company{"0190a8e0-0000-7000-8000-0000000000e1"};
const std::string lead = "0190a8e0-0000-7000-8000-000000000001";
const std::string deal = "0190a8e0-0000-7000-8000-0000000000d1";

auto create(const std::string& body) {
    return commands::decode_create_contact(body, id);
}

auto update(const std::string& body) {
    return commands::decode_update_contact(body, id);
}

auto company_domain(const std::string& domain) {
    return commands::decode_create_company(R"({"name":"Acme","domain":")" + domain + "\"}",
                                           company);
}

} // namespace

TEST_CASE("a contact's email and phone are normalized as a lead's are") {
    auto d = create(R"({"name":" Maria ","email":" Maria@Example.COM ",
        "phone":"+55 (11) 98765-4321","position":"CEO",
        "company_id":"0190A8E0-0000-7000-8000-0000000000E1"})");
    REQUIRE(d);
    CHECK(d->name == "Maria");
    CHECK(d->email == "maria@example.com");
    CHECK(d->phone == "+5511987654321");
    CHECK(d->position == "CEO");
    CHECK(d->company == company);

    auto lead_body = commands::decode_create_lead(
        R"({"name":"M","email":" Maria@Example.COM ","phone":"+55 (11) 98765-4321"})",
        domain::lead_id(lead));
    REQUIRE(lead_body);
    CHECK(lead_body->email == d->email);
    CHECK(lead_body->phone == d->phone);
}

TEST_CASE("create: name required; bad email, phone, company and unknown fields refused") {
    CHECK(error_fields(create("{}")) == fields{"/name"});
    CHECK(error_fields(create(R"({"name":"M","email":"not-an-email"})")) == fields{"/email"});
    CHECK(error_fields(create(R"({"name":"M","phone":"12"})")) == fields{"/phone"});
    CHECK(error_fields(create(R"({"name":"M","company_id":"acme"})")) == fields{"/company_id"});
    CHECK(error_fields(create(R"({"name":"M","nickname":"x"})")) == fields{"/nickname"});
    CHECK(malformed(create(R"({"name":)")));
    // Empty and null optional text mean "not given".
    auto d = create(R"({"name":"M","email":"","phone":null,"position":""})");
    REQUIRE(d);
    CHECK_FALSE(d->email);
    CHECK_FALSE(d->phone);
    CHECK_FALSE(d->position);
}

TEST_CASE("update: null clears, at least one field, values normalized") {
    auto d = update(R"({"email":"A@B.CO","phone":null,"company_id":null})");
    REQUIRE(d);
    CHECK(d->email == std::optional<std::optional<std::string>>("a@b.co"));
    CHECK(d->phone == std::optional<std::optional<std::string>>(std::optional<std::string>{}));
    CHECK(d->company ==
          std::optional<std::optional<domain::company_id>>(std::optional<domain::company_id>{}));
    CHECK_FALSE(d->name);
    CHECK(error_fields(update("{}")) == fields{"/"});
    CHECK(error_fields(update(R"({"name":null})")) == fields{"/name"});
    CHECK(error_fields(update(R"({"email":"x"})")) == fields{"/email"});
}

TEST_CASE("links name exactly one lead or deal by UUID; a merge names the merged contact") {
    auto to_lead = commands::decode_link_contact(R"({"lead_id":")" + lead + "\"}", id);
    REQUIRE(to_lead);
    CHECK(to_lead->link == domain::contact_link(domain::lead_id(lead)));
    auto to_deal = commands::decode_link_contact(R"({"deal_id":")" + deal + "\"}", id);
    REQUIRE(to_deal);
    CHECK(to_deal->link == domain::contact_link(domain::deal_id(deal)));
    CHECK(error_fields(commands::decode_link_contact("{}", id)) == fields{"/"});
    CHECK_FALSE(commands::decode_link_contact(
        R"({"lead_id":")" + lead + R"(","deal_id":")" + deal + "\"}", id));
    CHECK(error_fields(commands::decode_link_contact(R"({"lead_id":"x"})", id)) ==
          fields{"/lead_id"});

    auto merge = commands::decode_merge_contacts(
        R"({"merged_id":"0190A8E0-0000-7000-8000-0000000000C2"})", id);
    REQUIRE(merge);
    CHECK(merge->merged == domain::contact_id("0190a8e0-0000-7000-8000-0000000000c2"));
    CHECK(error_fields(commands::decode_merge_contacts("{}", id)) == fields{"/merged_id"});
    CHECK(error_fields(commands::decode_merge_contacts(R"({"merged_id":7})", id)) ==
          fields{"/merged_id"});
}

TEST_CASE("a company's domain is reduced to its lower-case host") {
    for (const auto& [given, host] : std::vector<std::pair<std::string, std::string>>{
             {"acme.com.br", "acme.com.br"},
             {"https://WWW.Acme.com.br/contato?x=1", "acme.com.br"},
             {"http://loja.acme.com:8080", "loja.acme.com"},
             {"Acme.COM.", "acme.com"},
             {"xn--caf-dma.com", "xn--caf-dma.com"},
         }) {
        CAPTURE(given);
        auto d = company_domain(given);
        REQUIRE(d);
        CHECK(d->domain == host);
    }
    for (const auto* bad : {"acme", "-acme.com", "acme..com", "café.com", "acme com", "https://"}) {
        CAPTURE(bad);
        CHECK(error_fields(company_domain(bad)) == fields{"/domain"});
    }
}

TEST_CASE("company bodies: name required, size a known band, null clears on update") {
    auto d = commands::decode_create_company(
        R"({"name":"Acme","industry":"Varejo","size":"11-50"})", company);
    REQUIRE(d);
    CHECK(d->size == domain::company_size::from_11_to_50);
    CHECK(d->industry == "Varejo");
    CHECK(error_fields(commands::decode_create_company("{}", company)) == fields{"/name"});
    CHECK(error_fields(commands::decode_create_company(R"({"name":"A","size":"huge"})", company)) ==
          fields{"/size"});

    auto u = commands::decode_update_company(R"({"domain":null,"size":null})", company);
    REQUIRE(u);
    CHECK(u->domain == std::optional<std::optional<std::string>>(std::optional<std::string>{}));
    CHECK(u->size == std::optional<std::optional<domain::company_size>>(
                         std::optional<domain::company_size>{}));
    CHECK(error_fields(commands::decode_update_company("{}", company)) == fields{"/"});
}
