// Pins that every subscription event the domain produces, and every schema's example, fits
// the JSON Schema it names (validated with valijson, like tests/unit/schemas).
#include "../schema_check.hpp"
#include "subscription_fixtures.hpp"
#include "ventros/domain/subscription_codec.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace billing_test;
using nlohmann::json;
namespace fs = std::filesystem;
using std::chrono::days;

namespace {

using namespace ventros::schema_check;

const std::vector<std::string> event_names{
    "started",          "plan_changed",   "cancellation_scheduled", "cancellation_revoked",
    "payment_recorded", "status_changed",
};

/// A lifetime that makes decide emit every event type and optional-member shape.
std::vector<subscription_event> produced_events() {
    auto r = subscription_run::trial();
    r.accept(change_plan{growth()}, as(role::admin, started + days{1}));
    r.accept(apply_provider_event{paid("evt_p1", trial_end, p1)}, system_at(trial_end));
    r.accept(change_plan{enterprise()}, as(role::admin, trial_end + days{3}));
    r.accept(request_cancellation{}, as(role::admin, trial_end + days{4}));
    r.accept(resume_subscription{}, as(role::admin, trial_end + days{5}));
    r.accept(apply_provider_event{updated("evt_u", trial_end + days{6}, true)},
             system_at(trial_end + days{6}));
    r.accept(apply_provider_event{failed("evt_f2", p2.start, p2, true)}, system_at(p2.start));
    r.accept(apply_provider_event{deleted("evt_d", p2.start + days{1})},
             system_at(p2.start + days{1}));
    return r.events();
}

} // namespace

TEST_CASE("the billing schema folder holds exactly one schema per subscription event") {
    std::set<std::string> on_disk;
    for (const auto& entry : fs::directory_iterator(events_dir / "billing")) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("subscription.")) { // billing_account.* has its own test
            on_disk.insert(name);
        }
    }
    std::set<std::string> expected;
    for (const auto& name : event_names) {
        expected.insert("subscription." + name + ".v1.json");
    }
    CHECK(on_disk == expected);
}

TEST_CASE("every schema's example validates, decodes, and re-encodes to itself") {
    for (const auto& name : event_names) {
        CAPTURE(name);
        const std::string schema = "billing/subscription." + name + ".v1.json";
        const json document = read_json(events_dir / schema);
        const std::string type = "ventros.billing.subscription." + name + ".v1";
        CHECK(document.at("title") == type);
        REQUIRE(document.at("examples").size() == 1);
        const json& example = document.at("examples")[0];
        CHECK_MESSAGE(problems(schema, example).empty(), problems(schema, example));
        const auto decoded = decode_subscription_event(type, example.dump());
        REQUIRE_MESSAGE(decoded.has_value(), decoded.error());
        CHECK(event_schema(*decoded) == schema);
        CHECK(json::parse(encode_json(*decoded)) == example);
    }
}

TEST_CASE("every event decide produces validates against the schema it names") {
    std::set<std::size_t> kinds;
    for (const auto& event : produced_events()) {
        const json body = json::parse(encode_json(event));
        const std::string schema{event_schema(event)};
        CAPTURE(body.dump());
        CHECK_MESSAGE(problems(schema, body).empty(), problems(schema, body));
        kinds.insert(event.index());
    }
    CHECK(kinds.size() == std::variant_size_v<subscription_event>);
}

TEST_CASE("bodies that break the contract fail their schema") {
    const std::string schema = "billing/subscription.started.v1.json";
    const json example = read_json(events_dir / schema).at("examples")[0];
    auto body = example;
    body["plan"]["limits"]["users"] = -1;
    CHECK_FALSE(problems(schema, body).empty());
    body = example;
    body["plan"]["limits"].erase("leads");
    CHECK_FALSE(problems(schema, body).empty());
    body = example;
    body["trial_ends_at"] = "2026-11-15";
    CHECK_FALSE(problems(schema, body).empty());
    body = example;
    body["status"] = "trialing";
    CHECK_FALSE(problems(schema, body).empty());

    const std::string status_schema = "billing/subscription.status_changed.v1.json";
    auto status = read_json(events_dir / status_schema).at("examples")[0];
    status["reason"] = "trial_expired";
    CHECK_FALSE(problems(status_schema, status).empty());
}
