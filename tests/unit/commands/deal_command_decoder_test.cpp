// Pins how deal request bodies (and a lead conversion's deal) are checked and normalized
// before they reach the domain.
#include "decoder_errors.hpp"
#include "ventros/commands/deal_command_decoder.hpp"
#include "ventros/commands/lead_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros;
using testing::error_fields;
using testing::malformed;
using fields = std::vector<std::string>;

namespace {

const domain::deal_id id{"0190a8e0-0000-7000-8000-0000000000d1"};
const std::string pipeline = "0190a8e0-0000-7000-8000-0000000000f1";
const std::string lead = "0190a8e0-0000-7000-8000-000000000001";
const std::string company = "0190a8e0-0000-7000-8000-0000000000c1";

auto create(const std::string& body) {
    return commands::decode_create_deal(body, id);
}

/// A create body with the required fields and `extra` members (",\"key\":value").
auto create_with(const std::string& extra) {
    return create(R"({"title":"Deal","value_cents":100,"currency":"BRL")" + extra + "}");
}

auto update(const std::string& body) {
    return commands::decode_update_deal(body, id);
}

} // namespace

TEST_CASE("a full create body decodes, upper-casing the currency and lower-casing UUIDs") {
    auto d = create(R"({"title":"  Big sale ","value_cents":1500000,"currency":"brl",
        "pipeline_id":"0190A8E0-0000-7000-8000-0000000000F1","stage":"proposal",
        "probability":60,"expected_close":"2026-02-28","owner_id":"user-7",
        "lead_id":")" +
                    lead + R"(","company_id":")" + company + R"("})");
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->title == "Big sale");
    CHECK(d->value == domain::money{1500000, "BRL"});
    CHECK(d->pipeline == domain::pipeline_id(pipeline));
    CHECK(d->stage == "proposal");
    CHECK(d->probability == 60);
    CHECK(d->expected_close == "2026-02-28");
    CHECK(d->owner == domain::user_id("user-7"));
    CHECK(d->lead == domain::lead_id(lead));
    CHECK(d->company == domain::company_id(company));
}

TEST_CASE("a minimal create leaves the pipeline empty (the tenant's default) and the rest unset") {
    auto d = create_with("");
    REQUIRE(d);
    CHECK(d->pipeline.empty());
    CHECK_FALSE(d->stage);
    CHECK_FALSE(d->probability);
    CHECK_FALSE(d->expected_close);
    CHECK_FALSE(d->owner);
    CHECK_FALSE(d->lead);
    CHECK_FALSE(d->company);
}

TEST_CASE("create lets through what only the domain judges: negative values, any probability") {
    CHECK(create(R"({"title":"D","value_cents":-5,"currency":"XYZ"})")->value ==
          domain::money{-5, "XYZ"});
    CHECK(create_with(R"(,"probability":250)")->probability == 250);
    CHECK(create_with(R"(,"probability":-1)")->probability == -1);
    CHECK(create(R"({"title":"D","value_cents":9223372036854775807,"currency":"USD"})")
              ->value.cents == INT64_MAX);
}

TEST_CASE("create requires title, value_cents and currency and names each one missing") {
    CHECK(error_fields(create("{}")) == fields{"/title", "/value_cents", "/currency"});
    CHECK(error_fields(create(R"({"title":"D","currency":"BRL"})")) == fields{"/value_cents"});
    CHECK(error_fields(create(R"({"title":null,"value_cents":null,"currency":null})")) ==
          fields{"/title", "/value_cents", "/currency"});
}

TEST_CASE("create refuses each field's bad forms with a pointer to it") {
    const std::pair<std::string, std::string> bad[] = {
        {R"({"title":"","value_cents":1,"currency":"BRL"})", "/title"},
        {R"({"title":")" + std::string(201, 'x') + R"(","value_cents":1,"currency":"BRL"})",
         "/title"},
        {R"({"title":7,"value_cents":1,"currency":"BRL"})", "/title"},
        {R"({"title":"D","value_cents":1.5,"currency":"BRL"})", "/value_cents"},
        {R"({"title":"D","value_cents":1.0,"currency":"BRL"})", "/value_cents"},
        {R"({"title":"D","value_cents":"100","currency":"BRL"})", "/value_cents"},
        {R"({"title":"D","value_cents":9223372036854775808,"currency":"BRL"})", "/value_cents"},
        {R"({"title":"D","value_cents":1,"currency":"BR"})", "/currency"},
        {R"({"title":"D","value_cents":1,"currency":"BRLX"})", "/currency"},
        {R"({"title":"D","value_cents":1,"currency":978})", "/currency"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","pipeline_id":"main"})", "/pipeline_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","pipeline_id":null})", "/pipeline_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","stage":""})", "/stage"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","stage":")" + std::string(65, 's') +
             R"("})",
         "/stage"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","probability":50.5})", "/probability"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","probability":3000000000})",
         "/probability"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"2026-02-30"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"2026-13-01"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"2026-1-01"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"2026-01-01T00:00"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"0000-01-01"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","expected_close":"+026-01-01"})",
         "/expected_close"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","owner_id":""})", "/owner_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","owner_id":")" + std::string(129, 'u') +
             R"("})",
         "/owner_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","lead_id":"lead-1"})", "/lead_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","company_id":42})", "/company_id"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","amount":1})", "/amount"},
        {R"({"title":"D","value_cents":1,"currency":"BRL","a/b~c":1})", "/a~1b~0c"},
    };
    for (const auto& [body, pointer] : bad) {
        CAPTURE(body);
        CHECK(error_fields(create(body)) == fields{pointer});
    }
}

TEST_CASE("leap days are dates only in leap years") {
    CHECK(create_with(R"(,"expected_close":"2028-02-29")")->expected_close == "2028-02-29");
    CHECK(error_fields(create_with(R"(,"expected_close":"2027-02-29")")) ==
          fields{"/expected_close"});
}

TEST_CASE("every problem in a body is reported at once") {
    CHECK(error_fields(create(R"({"title":"","value_cents":"x","currency":"EURO",
                                  "probability":true,"extra":1})")) ==
          fields{"/title", "/value_cents", "/currency", "/probability", "/extra"});
}

TEST_CASE("malformed JSON is a 400-kind failure; a non-object is a 422-kind one") {
    CHECK(malformed(create(R"({"title":)")));
    CHECK(malformed(update("{,}")));
    CHECK(malformed(commands::decode_move_deal_stage("[", id)));
    CHECK(malformed(commands::decode_win_deal("{", id)));
    CHECK(malformed(commands::decode_lose_deal("nope", id)));
    CHECK(malformed(commands::decode_reopen_deal("}", id)));
    const auto array = create("[]");
    REQUIRE_FALSE(array);
    CHECK(array.error().what == commands::invalid_input::kind::invalid);
}

TEST_CASE("every prefix of a valid create body is refused without throwing") {
    const std::string body = R"({"title":"D","value_cents":1,"currency":"BRL","stage":"x"})";
    for (std::size_t n = 0; n < body.size(); ++n) {
        CHECK_FALSE(create(body.substr(0, n)));
    }
}

TEST_CASE("an update sets, clears or leaves each field") {
    auto d = update(R"({"title":"New","value_cents":0,"currency":"usd",
        "expected_close":"2026-12-31","owner_id":"u-2","company_id":")" +
                    company + R"("})");
    REQUIRE(d);
    CHECK(d->title == "New");
    CHECK(d->value == domain::money{0, "USD"});
    CHECK(d->expected_close == std::optional<std::string>("2026-12-31"));
    CHECK(d->owner == domain::user_id("u-2"));
    CHECK(d->company == std::optional<domain::company_id>(domain::company_id(company)));

    auto cleared = update(R"({"expected_close":null,"company_id":null})");
    REQUIRE(cleared);
    REQUIRE(cleared->expected_close.has_value());
    CHECK_FALSE(cleared->expected_close->has_value());
    REQUIRE(cleared->company.has_value());
    CHECK_FALSE(cleared->company->has_value());
    CHECK_FALSE(cleared->title);
    CHECK_FALSE(cleared->value);
    CHECK_FALSE(cleared->owner);

    auto title_only = update(R"({"title":"T"})");
    REQUIRE(title_only);
    CHECK_FALSE(title_only->expected_close.has_value());
    CHECK_FALSE(title_only->company.has_value());
}

TEST_CASE("an update needs a field, value_cents with currency, and refuses bad forms") {
    CHECK(error_fields(update("{}")) == fields{"/"});
    CHECK(error_fields(update(R"({"value_cents":5})")) == fields{"/currency"});
    CHECK(error_fields(update(R"({"currency":"BRL"})")) == fields{"/value_cents"});
    CHECK(error_fields(update(R"({"title":null})")) == fields{"/title"});
    CHECK(error_fields(update(R"({"owner_id":null})")) == fields{"/owner_id"});
    CHECK(error_fields(update(R"({"expected_close":"tomorrow"})")) == fields{"/expected_close"});
    CHECK(error_fields(update(R"({"company_id":"acme"})")) == fields{"/company_id"});
    CHECK(error_fields(update(R"({"value_cents":1,"currency":"R$"})")) == fields{"/currency"});
    CHECK(error_fields(update(R"({"stage":"won"})")) == fields{"/stage"});
    CHECK(error_fields(update(R"({"lead_id":")" + lead + R"("})")) == fields{"/lead_id"});
}

TEST_CASE("a stage move needs a stage and may set the probability") {
    auto d = commands::decode_move_deal_stage(R"({"stage":"proposal","probability":70})", id);
    REQUIRE(d);
    CHECK(d->id == id);
    CHECK(d->stage == "proposal");
    CHECK(d->probability == 70);
    CHECK_FALSE(commands::decode_move_deal_stage(R"({"stage":"qualification"})", id)->probability);
    CHECK(error_fields(commands::decode_move_deal_stage("{}", id)) == fields{"/stage"});
    CHECK(error_fields(commands::decode_move_deal_stage(R"({"stage":""})", id)) ==
          fields{"/stage"});
    CHECK(error_fields(commands::decode_move_deal_stage(R"({"stage":"a","probability":"1"})",
                                                        id)) == fields{"/probability"});
    CHECK(error_fields(commands::decode_move_deal_stage(R"({"stage":"a","to":"b"})", id)) ==
          fields{"/to"});
}

TEST_CASE("win and reopen take an empty body or {} and nothing else") {
    CHECK(commands::decode_win_deal("", id)->id == id);
    CHECK(commands::decode_win_deal(" {} ", id)->id == id);
    CHECK(error_fields(commands::decode_win_deal(R"({"value_cents":1})", id)) ==
          fields{"/value_cents"});
    CHECK(commands::decode_reopen_deal("", id)->id == id);
    CHECK(commands::decode_reopen_deal("{}", id)->id == id);
    CHECK(error_fields(commands::decode_reopen_deal(R"({"reason":"x"})", id)) == fields{"/reason"});
    CHECK_FALSE(commands::decode_reopen_deal("null", id));
}

TEST_CASE("a loss needs a reason of 1 to 500 bytes") {
    CHECK(commands::decode_lose_deal(R"({"reason":" budget cut "})", id)->reason == "budget cut");
    CHECK(error_fields(commands::decode_lose_deal("{}", id)) == fields{"/reason"});
    CHECK(error_fields(commands::decode_lose_deal("", id)).empty()); // malformed, not invalid
    CHECK(malformed(commands::decode_lose_deal("", id)));
    CHECK(error_fields(commands::decode_lose_deal(R"({"reason":"  "})", id)) == fields{"/reason"});
    CHECK(error_fields(commands::decode_lose_deal(
              R"({"reason":")" + std::string(501, 'r') + R"("})", id)) == fields{"/reason"});
}

TEST_CASE("a lead conversion builds the lead's command and the deal it creates") {
    const domain::lead_id lead_id{lead};
    auto empty = commands::decode_lead_conversion("", lead_id, id, true);
    REQUIRE(empty);
    CHECK(empty->lead.id == lead_id);
    CHECK(empty->lead.deal == id);
    CHECK(empty->lead.allow_unqualified);
    CHECK(empty->deal.id == id);
    CHECK(empty->deal.lead == lead_id);
    CHECK(empty->deal.title == "Converted lead");
    CHECK(empty->deal.value == domain::money{0, "BRL"});
    CHECK(empty->deal.pipeline.empty());
    CHECK_FALSE(empty->deal.stage);
    CHECK_FALSE(empty->deal.company);
    CHECK_FALSE(commands::decode_lead_conversion("{}", lead_id, id, false)->lead.allow_unqualified);

    auto full = commands::decode_lead_conversion(
        R"({"title":"Ana's deal","value_cents":990,"currency":"eur","pipeline_id":")" + pipeline +
            R"(","stage":"proposal","probability":40,"expected_close":"2026-06-30",
            "owner_id":"u-1","company_id":")" +
            company + R"("})",
        lead_id, id, false);
    REQUIRE(full);
    CHECK(full->deal.title == "Ana's deal");
    CHECK(full->deal.value == domain::money{990, "EUR"});
    CHECK(full->deal.pipeline == domain::pipeline_id(pipeline));
    CHECK(full->deal.stage == "proposal");
    CHECK(full->deal.probability == 40);
    CHECK(full->deal.expected_close == "2026-06-30");
    CHECK(full->deal.owner == domain::user_id("u-1"));
    CHECK(full->deal.company == domain::company_id(company));
    CHECK(full->deal.lead == lead_id);

    CHECK(
        commands::decode_lead_conversion(R"({"value_cents":5})", lead_id, id, false)->deal.value ==
        domain::money{5, "BRL"});
}

TEST_CASE("a lead conversion checks the deal fields as POST /deals does") {
    const domain::lead_id lead_id{lead};
    const auto errors = [&](const std::string& body) {
        return error_fields(commands::decode_lead_conversion(body, lead_id, id, false));
    };
    CHECK(errors(R"({"title":""})") == fields{"/title"});
    CHECK(errors(R"({"currency":"reais"})") == fields{"/currency"});
    CHECK(errors(R"({"expected_close":"2026-04-31"})") == fields{"/expected_close"});
    CHECK(errors(R"({"pipeline_id":"default"})") == fields{"/pipeline_id"});
    CHECK(errors(R"({"lead_id":")" + lead + R"("})") == fields{"/lead_id"});
    CHECK(malformed(commands::decode_lead_conversion("{", lead_id, id, false)));
}
