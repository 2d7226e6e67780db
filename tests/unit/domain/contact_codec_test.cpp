// Pins the JSON bodies and type names of contact and company events: round trips with
// optional members absent, present and cleared, and strict refusal of broken bodies.
#include "ventros/domain/crm_codec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros::domain;
using nlohmann::json;

namespace {

const contact_id maria{"0190a5c4-7b1e-7c3d-8e2f-0000000000c1"};
const contact_id other{"0190a5c4-7b1e-7c3d-8e2f-0000000000c2"};
const company_id acme_ltda{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};
const lead_id lead_1{"0190a5c4-7b1e-7c3d-8e2f-000000000001"};
const deal_id deal_1{"0190a5c4-7b1e-7c3d-8e2f-0000000000d1"};
using text_patch = std::optional<std::string>;

std::vector<crm_event> sample_events() {
    return {
        contact_event{contact_created{.id = maria,
                                      .name = "Maria Silva",
                                      .email = "maria@example.com",
                                      .phone = "+5511987654321",
                                      .position = "CEO",
                                      .company = acme_ltda}},
        contact_event{contact_created{.id = other, .name = "Só o nome"}},
        contact_event{contact_updated{.id = maria, .name = "Maria S."}},
        contact_event{contact_updated{.id = maria,
                                      .email = text_patch{},
                                      .phone = text_patch{"+5511900000000"},
                                      .position = text_patch{},
                                      .company = std::optional<company_id>{}}},
        contact_event{contact_linked{maria, lead_1}},
        contact_event{contact_linked{maria, deal_1}},
        contact_event{contact_unlinked{maria, deal_1}},
        contact_event{contact_merged{other, maria}},
        contact_event{contact_absorbed{.id = maria,
                                       .absorbed = other,
                                       .email = std::nullopt,
                                       .phone = "+5511911111111",
                                       .position = std::nullopt,
                                       .company = acme_ltda,
                                       .links = {deal_1, lead_1}}},
        contact_event{contact_absorbed{.id = maria, .absorbed = other}},
        company_event{company_created{.id = acme_ltda,
                                      .name = "Acme Ltda",
                                      .domain = "acme.com.br",
                                      .industry = "Varejo",
                                      .size = company_size::above_1000}},
        company_event{company_created{.id = acme_ltda, .name = "Acme"}},
        company_event{company_updated{.id = acme_ltda,
                                      .name = "Acme S.A.",
                                      .domain = text_patch{},
                                      .industry = text_patch{"Moda"},
                                      .size = std::optional<company_size>{}}},
        company_event{
            company_updated{.id = acme_ltda, .size = std::optional(company_size::from_1_to_10)}},
    };
}

} // namespace

TEST_CASE("every contact and company event round-trips through its JSON body") {
    for (const auto& event : sample_events()) {
        const auto body = encode_json(event);
        CAPTURE(body);
        const auto decoded = decode_crm_event(event_type(event), body);
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == event);
        CHECK(kind_of(event) == (std::holds_alternative<contact_event>(event)
                                     ? aggregate_kind::contact
                                     : aggregate_kind::company));
    }
}

TEST_CASE("contact and company types, schemas and collections") {
    const crm_event merged = contact_event{contact_merged{other, maria}};
    CHECK(event_type(merged) == "ventros.crm.contact.merged.v1");
    CHECK(event_schema(merged) == "crm/contact.merged.v1.json");
    CHECK(collection_of(aggregate_kind::contact) == "contacts");
    CHECK(collection_of(aggregate_kind::company) == "companies");
    CHECK(is_crm_event_type("ventros.crm.company.updated.v1"));
    CHECK_FALSE(is_crm_event_type("ventros.crm.company.merged.v1"));
    CHECK_FALSE(is_crm_event_type("ventros.crm.contact.created.v2"));
    CHECK(creates_aggregate(contact_event{contact_created{.id = maria, .name = "M"}}));
    CHECK_FALSE(creates_aggregate(merged));
    // A link names its lead or deal; patches show cleared members as null.
    CHECK(json::parse(encode_json(contact_event{contact_linked{maria, deal_1}})) ==
          json{{"contact_id", maria.str()}, {"deal_id", deal_1.str()}});
    CHECK(json::parse(encode_json(
              company_event{company_updated{.id = acme_ltda, .domain = text_patch{}}})) ==
          json{{"company_id", acme_ltda.str()}, {"domain", nullptr}});
}

TEST_CASE("contact and company bodies that break the contract are refused") {
    const auto refused = [](std::string_view type, const json& body) {
        return !decode_crm_event(type, body.dump()).has_value();
    };
    const std::string id = maria.str();
    CHECK(refused("ventros.crm.contact.created.v1", {{"contact_id", id}}));
    CHECK(refused("ventros.crm.contact.created.v1", {{"contact_id", id}, {"name", ""}}));
    CHECK(refused("ventros.crm.contact.created.v1",
                  {{"contact_id", id}, {"name", "M"}, {"email", nullptr}}));
    CHECK(refused("ventros.crm.contact.created.v1",
                  {{"contact_id", id}, {"name", "M"}, {"nickname", "x"}}));
    CHECK(refused("ventros.crm.contact.linked.v1", {{"contact_id", id}}));
    CHECK(refused("ventros.crm.contact.linked.v1",
                  {{"contact_id", id}, {"lead_id", "l"}, {"deal_id", "d"}}));
    CHECK(refused("ventros.crm.contact.merged.v1", {{"contact_id", id}}));
    CHECK(refused("ventros.crm.contact.absorbed.v1", {{"contact_id", id}, {"absorbed_id", id}}));
    CHECK(refused(
        "ventros.crm.contact.absorbed.v1",
        {{"contact_id", id}, {"absorbed_id", id}, {"links", json::array({json{{"x", "y"}}})}}));
    CHECK(refused("ventros.crm.contact.updated.v1", {{"contact_id", id}, {"name", nullptr}}));
    CHECK(refused("ventros.crm.company.created.v1",
                  {{"company_id", id}, {"name", "A"}, {"size", "huge"}}));
    CHECK(refused("ventros.crm.company.updated.v1", {{"company_id", id}, {"size", 10}}));
}
