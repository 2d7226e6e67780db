#include "operations_support.hpp"

#include <doctest/doctest.h>

namespace ventros::operations_e2e {

TEST_CASE("the gateway logs a write as a JSON line carrying its request id and tenant, the same "
          "ids the event carries") {
    auto& stack = shared_stack();
    const tenant_admin admin(stack, unique_tenant("logs"));
    const auto request_id = "ops-log-" + admin.tenant();
    const auto command_key = "ops-cmd-" + admin.tenant();
    const auto reply = admin.send("POST", admin.leads_path(), {{"name", "Logged Prospect"}},
                                  {{"X-Request-Id", request_id}, {"Idempotency-Key", command_key}});
    REQUIRE(reply.status == 201);
    CHECK(reply.header("x-request-id") == request_id);

    std::vector<nlohmann::json> mine;
    for (const auto& line : json_lines(process_logs(stack, "gateway-"))) {
        REQUIRE(line.is_object());
        for (const auto* field : {"ts", "level", "component", "msg"}) {
            CHECK_MESSAGE(line.contains(field), line.dump());
        }
        if (line.value("request_id", "") == request_id) {
            mine.push_back(line);
        }
    }
    REQUIRE(mine.size() == 1);
    const auto& logged = mine.front();
    CHECK(logged.at("msg") == "request");
    CHECK(logged.at("tenant_id") == admin.tenant());
    CHECK(logged.at("method") == "POST");
    CHECK(logged.at("route") == "/v1/tenants/{tenant_id}/leads");
    CHECK(logged.at("status") == 201);
    CHECK(logged.at("ms").is_number());
    CHECK(logged.value("command_id", "") == command_key);

    // The event names the request as its correlation id and the Idempotency-Key as its
    // command id, so a log line leads to the events it caused.
    const auto tailed = stack.ventros({"tail", "--from-beginning", "--no-follow", "--tenant",
                                       admin.tenant(), "--type", "lead.created"});
    REQUIRE(tailed.status == 0);
    const auto events = json_lines(tailed.output);
    REQUIRE(events.size() == 1);
    CHECK(events[0].at("correlationid") == request_id);
    CHECK(events[0].at("commandid") == command_key);
}

} // namespace ventros::operations_e2e
