// Pins the billing account request bodies: required fields, email normalization and
// shape, unknown fields, and the suspension reasons.
#include "../commands/decoder_errors.hpp"
#include "ventros/commands/billing_account_command_decoder.hpp"

#include <doctest/doctest.h>

using namespace ventros::commands;
using namespace ventros::domain;
using ventros::testing::error_fields;
using ventros::testing::malformed;

namespace {

const billing_account_id account{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fb001"};

} // namespace

TEST_CASE("create: name and billing_email are required; the email is trimmed and lower-cased") {
    const auto ok = decode_create_billing_account(
        R"({"name":" Loja da Maria ","billing_email":" Financeiro@Maria.COM.br "})", account);
    REQUIRE(ok);
    CHECK(ok->id == account);
    CHECK(ok->name == "Loja da Maria");
    CHECK(ok->billing_email == "financeiro@maria.com.br");

    CHECK(error_fields(decode_create_billing_account("{}", account)) ==
          std::vector<std::string>{"/name", "/billing_email"});
    CHECK(error_fields(decode_create_billing_account(
              R"({"name":"M","billing_email":"not-an-email"})", account)) ==
          std::vector<std::string>{"/billing_email"});
    CHECK(error_fields(decode_create_billing_account(
              R"({"name":"M","billing_email":"a@b.com","owner":"x"})", account)) ==
          std::vector<std::string>{"/owner"});
    CHECK(error_fields(
              decode_create_billing_account(R"({"name":"","billing_email":null})", account)) ==
          std::vector<std::string>{"/name", "/billing_email"});
    CHECK(error_fields(decode_create_billing_account(
              R"({"name":")" + std::string(201, 'x') + R"(","billing_email":"a@b.com"})",
              account)) == std::vector<std::string>{"/name"});
    CHECK(malformed(decode_create_billing_account(R"({"name":)", account)));
    CHECK_FALSE(malformed(decode_create_billing_account("[]", account)));
}

TEST_CASE("update: any of name and billing_email, at least one, neither null") {
    const auto email =
        decode_update_billing_account(R"({"billing_email":"Contas@Maria.com"})", account);
    REQUIRE(email);
    CHECK_FALSE(email->name);
    CHECK(email->billing_email == "contas@maria.com");
    const auto name = decode_update_billing_account(R"({"name":"Maria ME"})", account);
    REQUIRE(name);
    CHECK(name->name == "Maria ME");
    CHECK_FALSE(name->billing_email);

    CHECK(error_fields(decode_update_billing_account("{}", account)) ==
          std::vector<std::string>{"/"});
    CHECK(error_fields(decode_update_billing_account(R"({"name":null})", account)) ==
          std::vector<std::string>{"/name"});
    CHECK(error_fields(decode_update_billing_account(R"({"billing_email":"x@"})", account)) ==
          std::vector<std::string>{"/billing_email"});
    CHECK(error_fields(decode_update_billing_account(R"({"status":"active"})", account)) ==
          std::vector<std::string>{"/status"});
}

TEST_CASE("suspend: a known reason is required") {
    const auto ok = decode_suspend_billing_account(R"({"reason":"fraud"})", account);
    REQUIRE(ok);
    CHECK(ok->reason == suspension_reason::fraud);
    CHECK(error_fields(decode_suspend_billing_account("{}", account)) ==
          std::vector<std::string>{"/reason"});
    CHECK(error_fields(decode_suspend_billing_account(R"({"reason":"late"})", account)) ==
          std::vector<std::string>{"/reason"});
    CHECK(error_fields(decode_suspend_billing_account(R"({"reason":1})", account)) ==
          std::vector<std::string>{"/reason"});
}
