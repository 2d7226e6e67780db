// Pins the billing account rules of issue 5: the owner is the creator, only the owner
// updates, only the system suspends and reinstates, and every refusal with its slug.
#include "ventros/domain/billing_account.hpp"

#include <doctest/doctest.h>

using namespace ventros::domain;

namespace {

const billing_account_id account{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fb001"};
const user_id maria{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fa001"};
const user_id joao{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fa002"};

command_context by(const user_id& actor) {
    return {.tenant = {}, .actor = actor, .actor_role = role::viewer, .now = {}};
}

const command_context system_context = by(user_id{"system"});

create_billing_account new_account() {
    return {.id = account, .name = "Loja da Maria", .billing_email = "financeiro@maria.com.br"};
}

billing_account_state run(const std::optional<billing_account_state>& state,
                          const billing_account_command& command, const command_context& context,
                          billing_caller caller) {
    const auto decision = decide(command, state, context, caller);
    REQUIRE_MESSAGE(decision.has_value(), to_string(decision.error()).data());
    REQUIRE(decision->size() == 1);
    return evolve(state, decision->front());
}

billing_account_state created() {
    return run(std::nullopt, new_account(), by(maria), billing_caller::user);
}

billing_account_state suspended() {
    return run(created(),
               suspend_billing_account{.id = account, .reason = suspension_reason::fraud},
               system_context, billing_caller::system);
}

} // namespace

TEST_CASE("a user creates an account, owns it, and it starts active") {
    const auto decision = decide(new_account(), std::nullopt, by(maria), billing_caller::user);
    REQUIRE(decision);
    CHECK(*decision == std::vector<billing_account_event>{
                           billing_account_created{.id = account,
                                                   .owner = maria,
                                                   .name = "Loja da Maria",
                                                   .billing_email = "financeiro@maria.com.br"}});
    const auto s = created();
    CHECK(s.owner == maria);
    CHECK(s.status == billing_account_status::active);
    CHECK_FALSE(s.suspension);
    CHECK(s.version == 1);
    CHECK(subject_of(decision->front()) == account);
    CHECK(subject_of(billing_account_command{new_account()}) == account);
}

TEST_CASE("create is refused for a used id and for a system caller") {
    CHECK(decide(new_account(), created(), by(joao), billing_caller::user).error() ==
          billing_account_error::already_exists);
    CHECK(decide(new_account(), std::nullopt, system_context, billing_caller::system).error() ==
          billing_account_error::not_permitted);
}

TEST_CASE("the owner updates only what changes; others may not") {
    const auto s = created();
    const update_billing_account change{
        .id = account, .name = "Loja da Maria", .billing_email = "contas@maria.com.br"};
    const auto decision = decide(change, s, by(maria), billing_caller::user);
    REQUIRE(decision);
    CHECK(*decision == std::vector<billing_account_event>{billing_account_updated{
                           .id = account, .billing_email = "contas@maria.com.br"}});
    const auto after = evolve(s, decision->front());
    CHECK(after.billing_email == "contas@maria.com.br");
    CHECK(after.name == "Loja da Maria");
    CHECK(after.version == 2);

    const auto renamed = run(s, update_billing_account{.id = account, .name = "Maria ME"},
                             by(maria), billing_caller::user);
    CHECK(renamed.name == "Maria ME");
    CHECK(renamed.billing_email == "financeiro@maria.com.br");

    CHECK(decide(change, s, by(joao), billing_caller::user).error() ==
          billing_account_error::not_owner);
    CHECK(decide(update_billing_account{.id = account, .name = "Loja da Maria"}, s, by(maria),
                 billing_caller::user)
              .error() == billing_account_error::nothing_to_change);
    CHECK(
        decide(update_billing_account{.id = account}, s, by(maria), billing_caller::user).error() ==
        billing_account_error::nothing_to_change);
    CHECK(decide(change, std::nullopt, by(maria), billing_caller::user).error() ==
          billing_account_error::not_found);
    CHECK(decide(change, s, system_context, billing_caller::system).error() ==
          billing_account_error::not_permitted);
}

TEST_CASE("a suspended account can still be updated by its owner") {
    const auto after =
        run(suspended(), update_billing_account{.id = account, .billing_email = "novo@maria.com"},
            by(maria), billing_caller::user);
    CHECK(after.billing_email == "novo@maria.com");
    CHECK(after.status == billing_account_status::suspended);
}

TEST_CASE("the system suspends an active account with a reason, once") {
    const auto s = suspended();
    CHECK(s.status == billing_account_status::suspended);
    CHECK(s.suspension == suspension_reason::fraud);
    CHECK(s.version == 2);
    const suspend_billing_account again{.id = account, .reason = suspension_reason::payment_failed};
    CHECK(decide(again, s, system_context, billing_caller::system).error() ==
          billing_account_error::already_suspended);
    CHECK(decide(again, std::nullopt, system_context, billing_caller::system).error() ==
          billing_account_error::not_found);
}

TEST_CASE("the owner may neither suspend nor reinstate their own account") {
    CHECK(decide(suspend_billing_account{.id = account, .reason = suspension_reason::requested},
                 created(), by(maria), billing_caller::user)
              .error() == billing_account_error::not_permitted);
    CHECK(decide(reinstate_billing_account{.id = account}, suspended(), by(maria),
                 billing_caller::user)
              .error() == billing_account_error::not_permitted);
}

TEST_CASE("the system reinstates a suspended account only") {
    const auto s = run(suspended(), reinstate_billing_account{.id = account}, system_context,
                       billing_caller::system);
    CHECK(s.status == billing_account_status::active);
    CHECK_FALSE(s.suspension);
    CHECK(s.version == 3);
    CHECK(
        decide(reinstate_billing_account{.id = account}, s, system_context, billing_caller::system)
            .error() == billing_account_error::not_suspended);
    CHECK(decide(reinstate_billing_account{.id = account}, std::nullopt, system_context,
                 billing_caller::system)
              .error() == billing_account_error::not_found);
}

TEST_CASE("fold replays the log into the state the live path had") {
    const std::vector<billing_account_event> log{
        billing_account_created{.id = account,
                                .owner = maria,
                                .name = "Loja da Maria",
                                .billing_email = "financeiro@maria.com.br"},
        billing_account_suspended{.id = account, .reason = suspension_reason::fraud},
    };
    CHECK(fold(log) == suspended());
    CHECK_FALSE(fold(std::vector<billing_account_event>{}));
}

TEST_CASE("refusals, statuses and reasons have stable names") {
    CHECK(to_string(billing_account_error::not_found) == "billing-account-not-found");
    CHECK(to_string(billing_account_error::already_exists) == "billing-account-already-exists");
    CHECK(to_string(billing_account_error::not_owner) == "billing-account-not-owned");
    CHECK(to_string(billing_account_error::not_permitted) == "not-permitted");
    CHECK(to_string(billing_account_error::already_suspended) ==
          "billing-account-already-suspended");
    CHECK(to_string(billing_account_error::not_suspended) == "billing-account-not-suspended");
    CHECK(to_string(billing_account_error::nothing_to_change) == "nothing-to-change");
    CHECK(to_string(billing_account_status::active) == "active");
    CHECK(to_string(billing_account_status::suspended) == "suspended");
    for (const auto* name : {"payment-failed", "fraud", "requested"}) {
        const auto reason = parse_suspension_reason(name);
        REQUIRE(reason);
        CHECK(to_string(*reason) == name);
    }
    CHECK_FALSE(parse_suspension_reason("payment_failed"));
}
