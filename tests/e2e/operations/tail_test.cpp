#include "operations_support.hpp"

#include <doctest/doctest.h>

namespace ventros::operations_e2e {
namespace {

/// `ventros tail` over the crm topic from the beginning, stopping when it runs dry.
std::vector<nlohmann::json> tail(const std::vector<std::string>& filters) {
    std::vector<std::string> args{"tail", "--topic", "crm", "--from-beginning", "--no-follow"};
    args.insert(args.end(), filters.begin(), filters.end());
    const auto result = shared_stack().ventros(args);
    INFO(result.output);
    REQUIRE(result.status == 0);
    return json_lines(result.output);
}

std::vector<std::string> types_of(const std::vector<nlohmann::json>& events) {
    std::vector<std::string> types;
    for (const auto& e : events) {
        types.push_back(e.at("type"));
    }
    return types;
}

} // namespace

TEST_CASE("ventros tail prints a tenant's events as CloudEvents JSON, filtered by tenant and "
          "type") {
    auto& stack = shared_stack();
    const tenant_admin a(stack, unique_tenant("tail-a"));
    const tenant_admin b(stack, unique_tenant("tail-b"));
    const auto qualified = a.create_lead({{"name", "Tailed Prospect"}}).id;
    const auto scored = a.act(qualified, "qualification",
                              {{"budget", "above_10000"}, {"authority", "decision_maker"}});
    const auto plain = a.create_lead({{"name", "Quiet Prospect"}}).id;
    b.create_lead({{"name", "Someone Else's Prospect"}});

    // The tenant's first command created its default pipeline first.
    const auto events = tail({"--tenant", a.tenant()});
    REQUIRE(events.size() == 5);
    CHECK(events[0].at("type") == "ventros.crm.pipeline.created.v1");
    CHECK(events[0].at("subject") == "pipelines/" + events[0].at("aggregateid").get<std::string>());
    // One tenant's events share a partition, so they come in the order they were written.
    CHECK(types_of(events) ==
          std::vector<std::string>{"ventros.crm.pipeline.created.v1", "ventros.crm.lead.created.v1",
                                   "ventros.crm.lead.scored.v1", "ventros.crm.lead.qualified.v1",
                                   "ventros.crm.lead.created.v1"});
    const std::vector<std::string> subjects{"", qualified, qualified, qualified, plain};
    const std::vector<int> versions{1, 1, 2, 3, 1};
    for (std::size_t i = 1; i < events.size(); ++i) {
        const auto& e = events[i];
        CAPTURE(e.dump());
        CHECK(e.at("specversion") == "1.0");
        CHECK(e.at("tenantid") == a.tenant());
        CHECK(e.at("subject") == "leads/" + subjects[i]);
        CHECK(e.at("aggregateid") == subjects[i]);
        CHECK(e.at("aggregateversion") == versions[i]);
        CHECK(e.at("source") == "/ventros/gateway");
        CHECK(e.at("data").is_object());
        CHECK(e.at("kafka").at("topic") == stack.topic("crm"));
    }
    CHECK(events[3].at("kafka").at("partition").get<int>() ==
          std::stoi(scored.position.substr(scored.position.find(':') + 1)));

    const auto created = tail({"--tenant", a.tenant(), "--type", "lead.created"});
    CHECK(types_of(created) == std::vector<std::string>(2, "ventros.crm.lead.created.v1"));
    const auto others = tail({"--tenant", b.tenant(), "--type", "lead."});
    REQUIRE(others.size() == 1);
    CHECK(others[0].at("tenantid") == b.tenant());
    CHECK(tail({"--tenant", a.tenant(), "--max", "1"}).size() == 1);
}

} // namespace ventros::operations_e2e
