// Pins the wire form of billing account events: every event round-trips through its
// codec, every encoded event and schema example fits its JSON Schema, and bodies that
// break the contract are refused by both the decoder and the schema.
#include "../schema_check.hpp"
#include "ventros/domain/billing_account_codec.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace ventros::domain;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using namespace ventros::schema_check;

const billing_account_id account{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fb001"};

/// One of each event, with every optional-member shape.
const std::vector<billing_account_event> all_shapes{
    billing_account_created{.id = account,
                            .owner = user_id{"0193a1c2-5d7e-7f80-9a1b-2c3d4e5fa001"},
                            .name = "Loja da Maria",
                            .billing_email = "financeiro@maria.com.br"},
    billing_account_updated{.id = account, .name = "Maria ME"},
    billing_account_updated{.id = account, .billing_email = "contas@maria.com.br"},
    billing_account_updated{.id = account, .name = "Maria", .billing_email = "m@maria.com"},
    billing_account_suspended{.id = account, .reason = suspension_reason::payment_failed},
    billing_account_suspended{.id = account, .reason = suspension_reason::fraud},
    billing_account_suspended{.id = account, .reason = suspension_reason::requested},
    billing_account_reinstated{.id = account},
};

const std::vector<std::string> verbs{"created", "updated", "suspended", "reinstated"};

} // namespace

TEST_CASE("every event round-trips and validates against the schema it names") {
    std::set<std::size_t> kinds;
    for (const auto& event : all_shapes) {
        const std::string type{event_type(event)};
        CAPTURE(type);
        kinds.insert(event.index());
        const auto body = encode_json(event);
        CHECK_MESSAGE(problems(std::string(event_schema(event)), json::parse(body)).empty(),
                      problems(std::string(event_schema(event)), json::parse(body)));
        const auto decoded = decode_billing_account_event(type, body);
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(*decoded == event);
        CHECK(is_billing_account_event_type(type));
    }
    CHECK(kinds.size() == std::variant_size_v<billing_account_event>);
}

TEST_CASE("types and schema paths follow the billing topic's naming") {
    CHECK(event_type(all_shapes[0]) == "ventros.billing.billing_account.created.v1");
    CHECK(event_schema(all_shapes[0]) == "billing/billing_account.created.v1.json");
    CHECK(event_type(all_shapes[4]) == "ventros.billing.billing_account.suspended.v1");
    CHECK(json::parse(encode_json(all_shapes[0])) ==
          json{{"billing_account_id", account.str()},
               {"owner_id", "0193a1c2-5d7e-7f80-9a1b-2c3d4e5fa001"},
               {"name", "Loja da Maria"},
               {"billing_email", "financeiro@maria.com.br"}});
    CHECK(json::parse(encode_json(all_shapes[4])).at("reason") == "payment-failed");
    CHECK_FALSE(is_billing_account_event_type("ventros.billing.billing_account.created.v2"));
    CHECK_FALSE(is_billing_account_event_type("ventros.billing.billing_account.deleted.v1"));
    CHECK_FALSE(is_billing_account_event_type("ventros.crm.company.created.v1"));
}

TEST_CASE("each schema's example validates, decodes and re-encodes to itself") {
    for (const auto& verb : verbs) {
        CAPTURE(verb);
        const std::string schema = "billing/billing_account." + verb + ".v1.json";
        const json document = json::parse(read_text(events_dir / schema));
        const std::string type = "ventros.billing.billing_account." + verb + ".v1";
        CHECK(document.at("title") == type);
        REQUIRE(document.at("examples").size() == 1);
        const json& example = document.at("examples")[0];
        CHECK_MESSAGE(problems(schema, example).empty(), problems(schema, example));

        const auto decoded = decode_billing_account_event(type, example.dump());
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(event_schema(*decoded) == schema);
        CHECK(json::parse(encode_json(*decoded)) == example);
    }
}

TEST_CASE("the billing schema folder holds one schema per billing account event") {
    std::set<std::string> on_disk;
    for (const auto& entry : fs::directory_iterator(events_dir / "billing")) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("billing_account.")) {
            on_disk.insert(name);
        }
    }
    std::set<std::string> expected;
    for (const auto& verb : verbs) {
        expected.insert("billing_account." + verb + ".v1.json");
    }
    CHECK(on_disk == expected);
}

TEST_CASE("bodies that break the contract are refused by the decoder and the schema") {
    const std::string created_type = "ventros.billing.billing_account.created.v1";
    const std::string suspended_type = "ventros.billing.billing_account.suspended.v1";
    const json created = json::parse(encode_json(all_shapes[0]));
    const json suspended = json::parse(encode_json(all_shapes[4]));
    const auto refused = [](const std::string& type, const std::string& schema, const json& body) {
        CAPTURE(body.dump());
        CHECK_FALSE(decode_billing_account_event(type, body.dump()).has_value());
        CHECK_FALSE(problems(schema, body).empty());
    };
    const std::string created_schema = "billing/billing_account.created.v1.json";
    const std::string suspended_schema = "billing/billing_account.suspended.v1.json";

    auto missing_owner = created;
    missing_owner.erase("owner_id");
    refused(created_type, created_schema, missing_owner);
    auto extra = created;
    extra["status"] = "active";
    refused(created_type, created_schema, extra);
    auto empty_name = created;
    empty_name["name"] = "";
    refused(created_type, created_schema, empty_name);
    auto unknown_reason = suspended;
    unknown_reason["reason"] = "late";
    refused(suspended_type, suspended_schema, unknown_reason);
    auto no_reason = suspended;
    no_reason.erase("reason");
    refused(suspended_type, suspended_schema, no_reason);
    refused("ventros.billing.billing_account.updated.v1", "billing/billing_account.updated.v1.json",
            json{{"billing_account_id", account.str()}, {"name", ""}});

    auto upper_case_email = created;
    upper_case_email["billing_email"] = "Financeiro@Maria.com.br";
    CHECK_FALSE(problems(created_schema, upper_case_email).empty());
    CHECK_FALSE(decode_billing_account_event(created_type, "{").has_value());
    CHECK_FALSE(
        decode_billing_account_event("ventros.billing.billing_account.created.v2", created.dump())
            .has_value());
}
