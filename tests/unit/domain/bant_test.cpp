// Pins the default BANT table: every answer code's points and the need keyword scoring.
#include "ventros/domain/bant.hpp"

#include <doctest/doctest.h>

using namespace ventros::domain;

TEST_CASE("budget codes score 10, 30, 40 and 50 and round-trip") {
    const std::pair<const char*, int> table[] = {
        {"under_1000", 10}, {"1000_5000", 30}, {"5000_10000", 40}, {"above_10000", 50}};
    for (const auto& [code, points] : table) {
        CAPTURE(code);
        const auto answer = parse_budget(code);
        REQUIRE(answer);
        CHECK(to_string(*answer) == code);
        CHECK(score_bant({.budget = answer}).budget == points);
        CHECK(score_bant({.budget = answer}).total() == points);
    }
    CHECK_FALSE(parse_budget("1000-5000"));
    CHECK_FALSE(parse_budget("from_1000_to_5000"));
}

TEST_CASE("authority codes score 30, 20 and 5 and round-trip") {
    const std::pair<const char*, int> table[] = {
        {"decision_maker", 30}, {"influencer", 20}, {"researching", 5}};
    for (const auto& [code, points] : table) {
        CAPTURE(code);
        const auto answer = parse_authority(code);
        REQUIRE(answer);
        CHECK(to_string(*answer) == code);
        CHECK(score_bant({.authority = answer}).authority == points);
    }
    CHECK_FALSE(parse_authority("ceo"));
}

TEST_CASE("timeline codes score 20, 15, 10 and 0 and round-trip") {
    const std::pair<const char*, int> table[] = {
        {"immediately", 20}, {"30_days", 15}, {"3_months", 10}, {"researching", 0}};
    for (const auto& [code, points] : table) {
        CAPTURE(code);
        const auto answer = parse_timeline(code);
        REQUIRE(answer);
        CHECK(to_string(*answer) == code);
        CHECK(score_bant({.timeline = answer}).timeline == points);
    }
    CHECK_FALSE(parse_timeline("within_30_days"));
}

TEST_CASE("each need keyword scores its points") {
    CHECK(score_need("vendas") == 10);
    CHECK(score_need("qualificação") == 15);
    CHECK(score_need("conversão") == 15);
    CHECK(score_need("automação") == 10);
    CHECK(score_need("nada a ver") == 0);
    CHECK(score_need("") == 0);
}

TEST_CASE("need matching ignores case and accents") {
    CHECK(score_need("Precisamos de QUALIFICAÇÃO") == 15);
    CHECK(score_need("qualificacao sem acento") == 15);
    CHECK(score_need("CONVERSAO") == 15);
    CHECK(score_need("Conversão") == 15);
    CHECK(score_need("AutoMaçÃo") == 10);
    CHECK(score_need("VENDAS") == 10);
    CHECK(score_need("automaçao e conversâo") == 25); // wrong accents still fold
}

TEST_CASE("need keywords sum once each") {
    CHECK(score_need("vendas, vendas e mais vendas") == 10);
    CHECK(score_need("vendas e automação") == 20);
    CHECK(score_need("Queremos automação de vendas, qualificação e conversão") == 50);
}

TEST_CASE("need text with other UTF-8 does not break matching") {
    CHECK(score_need("🚀 vendas 🚀") == 10);
    CHECK(score_need("ção") == 0);
    CHECK(score_need("\xC3") == 0);          // truncated sequence
    CHECK(score_need("vend\xC3\xA6s") == 0); // æ has no plain-letter form
}

TEST_CASE("unanswered criteria score zero") {
    CHECK(score_bant({}) == bant_points{});
    CHECK(score_bant({}).total() == 0);
}

TEST_CASE("combined answers add up and can cross the threshold of 70") {
    const bant_answers strong{.budget = budget_answer::from_1000_to_5000,
                              .authority = authority_answer::decision_maker,
                              .need = std::nullopt,
                              .timeline = timeline_answer::immediately};
    CHECK(score_bant(strong) ==
          bant_points{.budget = 30, .authority = 30, .need = 0, .timeline = 20});
    CHECK(score_bant(strong).total() == 80);

    const bant_answers almost{.budget = budget_answer::under_1000,
                              .authority = authority_answer::influencer,
                              .need = "automação de vendas",
                              .timeline = timeline_answer::within_30_days};
    CHECK(score_bant(almost).total() == 65);

    bant_answers need_tips_it = almost;
    need_tips_it.need = "qualificação e conversão";
    CHECK(score_bant(need_tips_it).total() == 75);

    const bant_answers max{.budget = budget_answer::above_10000,
                           .authority = authority_answer::decision_maker,
                           .need = "vendas qualificação conversão automação",
                           .timeline = timeline_answer::immediately};
    CHECK(score_bant(max).total() == 150);
}
