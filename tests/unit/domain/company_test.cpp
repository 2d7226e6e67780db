// Pins the company rules of issue 4: duplicates by normalized domain (on create and
// update), changes that change nothing, and who may act.
#include "lead_fixtures.hpp"
#include "ventros/domain/company.hpp"

using namespace ventros::domain;
using namespace ventros::domain::testing;

namespace {

const company_id acme_ltda{"0190a5c4-7b1e-7c3d-8e2f-0000000000e1"};
const company_id other{"0190a5c4-7b1e-7c3d-8e2f-0000000000e2"};

create_company new_company() {
    return {.id = acme_ltda,
            .name = "Acme Ltda",
            .domain = "acme.com.br",
            .industry = "Varejo",
            .size = company_size::from_11_to_50};
}

company_state created() {
    auto r = decide(new_company(), std::nullopt, std::nullopt, admin);
    REQUIRE(r);
    return evolve(std::nullopt, r->front());
}

} // namespace

TEST_CASE("a company is created by any role but viewer; its domain must be free") {
    for (const auto& ctx : {admin, manager, agent_ana}) {
        CHECK(decide(new_company(), std::nullopt, std::nullopt, ctx).has_value());
    }
    CHECK(decide(new_company(), std::nullopt, std::nullopt, viewer).error() ==
          company_error::not_permitted);
    CHECK(decide(new_company(), std::nullopt, other, admin).error() ==
          company_refusal(company_error::duplicate, other));
    auto no_domain = new_company();
    no_domain.domain.reset();
    CHECK(decide(no_domain, std::nullopt, other, admin).has_value());

    const auto s = created();
    CHECK(s.version == 1);
    CHECK(s.size == company_size::from_11_to_50);
    CHECK(decide(new_company(), s, std::nullopt, admin).error() == company_error::already_exists);
}

TEST_CASE("update: changed fields only; a taken domain is a duplicate; clearing is allowed") {
    const auto s = created();
    const update_company rename{
        .id = acme_ltda, .name = "Acme S.A.", .industry = std::optional<std::string>("Varejo")};
    const auto r = decide(rename, s, std::nullopt, agent_ana);
    REQUIRE(r);
    const auto& e = std::get<company_updated>(r->front());
    CHECK(e.name == "Acme S.A.");
    CHECK_FALSE(e.industry);

    const update_company move{.id = acme_ltda, .domain = std::optional<std::string>("acme.com")};
    CHECK(decide(move, s, other, admin).error() ==
          company_refusal(company_error::duplicate, other));
    CHECK(decide(move, s, acme_ltda, admin).has_value());
    const update_company same{.id = acme_ltda, .domain = std::optional<std::string>("acme.com.br")};
    CHECK(decide(same, s, acme_ltda, admin).error() == company_error::nothing_to_change);
    const update_company clear{.id = acme_ltda,
                               .domain = std::optional<std::string>{},
                               .size = std::optional<company_size>{}};
    const auto cleared = decide(clear, s, std::nullopt, admin);
    REQUIRE(cleared);
    const auto after = evolve(s, cleared->front());
    CHECK_FALSE(after.domain);
    CHECK_FALSE(after.size);
    CHECK(after.version == 2);

    CHECK(decide(rename, std::nullopt, std::nullopt, admin).error() == company_error::not_found);
}

TEST_CASE("company sizes have stable names") {
    for (const auto* name : {"1-10", "11-50", "51-200", "201-1000", "1001+"}) {
        const auto size = parse_company_size(name);
        REQUIRE(size);
        CHECK(to_string(*size) == name);
    }
    CHECK_FALSE(parse_company_size("huge"));
    CHECK(to_string(company_error::duplicate) == "company-duplicate");
}
