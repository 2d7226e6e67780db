// Pins how lead request bodies are checked and normalized before they reach the domain.
#include "decoder_errors.hpp"
#include "ventros/commands/lead_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using commands::invalid_input;
using testing::error_fields;

namespace {

const domain::lead_id id{"0190a8e0-0000-7000-8000-000000000001"};

} // namespace

TEST_CASE("a full create body decodes with normalized email and phone") {
    auto d = commands::decode_create_lead(
        R"({"name":"  Ana Souza ","email":"Ana@Example.COM","phone":"+55 (11) 98765-4321",
            "company":"Loja","source":"whatsapp","source_details":"campaign x",
            "tags":["vip"],"custom_fields":{"plan":"gold"}})",
        id);
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->name == "Ana Souza");
    CHECK(d->email == "ana@example.com");
    CHECK(d->phone == "+5511987654321");
    CHECK(d->source == domain::lead_source::whatsapp);
    CHECK(d->tags == std::vector<std::string>{"vip"});
    CHECK(d->custom.at("plan") == "gold");
}

TEST_CASE("create defaults the source to api and treats empty optionals as absent") {
    auto d = commands::decode_create_lead(R"({"name":"Ana","email":"","company":null})", id);
    REQUIRE(d);
    CHECK(d->source == domain::lead_source::api);
    CHECK_FALSE(d->email);
    CHECK_FALSE(d->company);
}

TEST_CASE("malformed JSON is a 400-kind failure, a non-object body a 422-kind one") {
    auto bad = commands::decode_create_lead(R"({"name":)", id);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().what == invalid_input::kind::malformed_json);
    auto array = commands::decode_create_lead(R"(["name"])", id);
    REQUIRE_FALSE(array);
    CHECK(array.error().what == invalid_input::kind::invalid);
}

TEST_CASE("every prefix of a valid body is refused without crashing") {
    const std::string body = R"({"name":"Ana","email":"a@b.co","tags":["x"]})";
    for (std::size_t n = 0; n < body.size(); ++n) {
        CHECK_FALSE(commands::decode_create_lead(body.substr(0, n), id));
    }
}

TEST_CASE("create refuses wrong types, unknown fields, bad enums and out-of-range values") {
    CHECK(error_fields(commands::decode_create_lead(R"({})", id)) ==
          std::vector<std::string>{"/name"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":42})", id)) ==
          std::vector<std::string>{"/name"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","nickname":"x"})", id)) ==
          std::vector<std::string>{"/nickname"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","source":"fax"})", id)) ==
          std::vector<std::string>{"/source"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","email":"not-an-email"})",
                                                    id)) == std::vector<std::string>{"/email"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","phone":"12ab"})", id)) ==
          std::vector<std::string>{"/phone"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","phone":"1234"})", id)) ==
          std::vector<std::string>{"/phone"});
    CHECK(error_fields(
              commands::decode_create_lead(R"({"name":")" + std::string(201, 'x') + R"("})", id)) ==
          std::vector<std::string>{"/name"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"A","tags":[1]})", id)) ==
          std::vector<std::string>{"/tags"});
    CHECK(
        error_fields(commands::decode_create_lead(R"({"name":"A","custom_fields":{"k":1}})", id)) ==
        std::vector<std::string>{"/custom_fields"});
    CHECK(error_fields(commands::decode_create_lead(R"({"name":"  "})", id)) ==
          std::vector<std::string>{"/name"});
}

TEST_CASE("update distinguishes absent, cleared and set fields") {
    auto d = commands::decode_update_lead(
        R"({"email":null,"phone":"11 98765 4321","stage":"contacted"})", id);
    REQUIRE(d);
    REQUIRE(d->email.has_value());
    CHECK_FALSE(d->email->has_value());
    CHECK(d->phone == std::optional<std::optional<std::string>>{"11987654321"});
    CHECK_FALSE(d->company.has_value());
    CHECK(d->stage == domain::lead_stage::contacted);
}

TEST_CASE("update refuses an empty body, a null name and an unknown stage") {
    CHECK_FALSE(commands::decode_update_lead("{}", id));
    CHECK(error_fields(commands::decode_update_lead(R"({"name":null})", id)) ==
          std::vector<std::string>{"/name"});
    CHECK(error_fields(commands::decode_update_lead(R"({"stage":"closing"})", id)) ==
          std::vector<std::string>{"/stage"});
}

TEST_CASE("BANT answers decode from their API codes and refuse unknown codes") {
    auto d = commands::decode_answer_bant(
        R"({"budget":"5000_10000","authority":"decision_maker","need":"vendas","timeline":"30_days"})",
        id);
    REQUIRE(d);
    CHECK(d->answers.budget == domain::budget_answer::from_5000_to_10000);
    CHECK(d->answers.authority == domain::authority_answer::decision_maker);
    CHECK(d->answers.timeline == domain::timeline_answer::within_30_days);
    CHECK(d->answers.need == "vendas");
    CHECK(error_fields(commands::decode_answer_bant(R"({"budget":"lots"})", id)) ==
          std::vector<std::string>{"/budget"});
    CHECK(error_fields(commands::decode_answer_bant(R"({"budget":10})", id)) ==
          std::vector<std::string>{"/budget"});
    CHECK_FALSE(commands::decode_answer_bant("{}", id));
}

TEST_CASE("assignment needs an agent id and a known role") {
    auto d = commands::decode_assign_lead(R"({"agent_id":"u-7","agent_role":"manager"})", id);
    REQUIRE(d);
    CHECK(d->agent == domain::user_id("u-7"));
    CHECK(d->agent_role == domain::role::manager);
    CHECK(commands::decode_assign_lead(R"({"agent_id":"u-7"})", id)->agent_role ==
          domain::role::agent);
    CHECK(error_fields(commands::decode_assign_lead("{}", id)) ==
          std::vector<std::string>{"/agent_id"});
    CHECK(
        error_fields(commands::decode_assign_lead(R"({"agent_id":"u","agent_role":"boss"})", id)) ==
        std::vector<std::string>{"/agent_role"});
}

TEST_CASE("loss needs a reason; conversion accepts an empty body but no unknown fields") {
    CHECK(commands::decode_mark_lead_lost(R"({"reason":"price"})", id)->reason == "price");
    CHECK_FALSE(commands::decode_mark_lead_lost(R"({"reason":""})", id));
    CHECK_FALSE(commands::decode_mark_lead_lost("{}", id));
    const domain::deal_id deal{"0190a8e0-0000-7000-8000-0000000000d1"};
    CHECK(commands::decode_lead_conversion("", id, deal, false)->lead.deal == deal);
    CHECK(commands::decode_lead_conversion("{}", id, deal, true)->lead.allow_unqualified);
    CHECK_FALSE(commands::decode_lead_conversion(R"({"x":1})", id, deal, false));
    CHECK_FALSE(commands::decode_lead_conversion("{", id, deal, false));
}
