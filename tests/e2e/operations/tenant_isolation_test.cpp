#include "operations_support.hpp"

#include <doctest/doctest.h>
#include <set>

namespace ventros::operations_e2e {
namespace {

/// Tenants A and B with look-alike leads (same names and emails), created over HTTP and
/// projected, so only the tenant can tell them apart.
struct two_tenants {
    tenant_admin a{shared_stack(), unique_tenant("iso-a")};
    tenant_admin b{shared_stack(), unique_tenant("iso-b")};
    std::set<std::string> a_leads;
    std::set<std::string> b_leads;

    two_tenants() {
        for (int i = 0; i < 3; ++i) {
            const nlohmann::json lead{{"name", "Shared Prospect " + std::to_string(i)},
                                      {"email", "shared" + std::to_string(i) + "@example.com"},
                                      {"source", "web"}};
            a_leads.insert(a.create_lead(lead).id);
            b_leads.insert(b.create_lead(lead).id);
        }
        REQUIRE(shared_stack().wait_projected("leads"));
    }
};

struct attempt {
    std::string method;
    std::string target;
    nlohmann::json body;
};

/// Every lead route, aimed at `lead_path` (a lead) under `leads_path` (a tenant's leads).
std::vector<attempt> every_lead_route(const std::string& leads_path, const std::string& lead_path) {
    return {{"GET", leads_path, nullptr},
            {"GET", lead_path, nullptr},
            {"GET", lead_path + "/events", nullptr},
            {"POST", leads_path, {{"name", "Intruder"}}},
            {"PATCH", lead_path, {{"name", "Renamed by intruder"}}},
            {"POST", lead_path + "/qualification", {{"budget", "above_10000"}}},
            {"POST", lead_path + "/assignment", {{"agent_id", "intruder"}}},
            {"POST", lead_path + "/lost", {{"reason", "sabotage"}}},
            {"POST", lead_path + "/conversion", nlohmann::json::object()}};
}

/// All ids of a tenant's list, following cursors page by page.
std::set<std::string> list_all(const tenant_admin& admin, const std::string& filter) {
    std::set<std::string> ids;
    std::string target = admin.leads_path() + "?limit=2" + filter;
    for (int page = 0; page < 20; ++page) {
        const auto reply = admin.send("GET", target);
        REQUIRE_MESSAGE(reply.status == 200, reply.body);
        const auto body = reply.json();
        for (const auto& item : body.at("items")) {
            ids.insert(item.at("id").get<std::string>());
        }
        if (body.at("next_cursor").is_null()) {
            return ids;
        }
        target = admin.leads_path() + "?limit=2" + filter +
                 "&cursor=" + body.at("next_cursor").get<std::string>();
    }
    FAIL("the list did not end within 20 pages");
    return ids;
}

} // namespace

TEST_CASE("a token for tenant A is refused with 403 on every route of tenant B, appending "
          "nothing") {
    const two_tenants t;
    auto& stack = shared_stack();
    const auto b_lead = *t.b_leads.begin();
    const auto offsets_before = stack.total_end_offset();

    for (const auto& [method, target, body] :
         every_lead_route(t.b.leads_path(), t.b.lead_path(b_lead))) {
        CAPTURE(method);
        CAPTURE(target);
        check_problem(t.a.send(method, target, body), 403, "forbidden");
    }
    CHECK(stack.total_end_offset() == offsets_before);
    const auto untouched = t.b.send("GET", t.b.lead_path(b_lead)).json();
    CHECK(untouched.at("version") == 1);
    CHECK(untouched.at("name") != "Renamed by intruder");
}

TEST_CASE("tenant B's lead ids are not found under tenant A, and commands on them append "
          "nothing") {
    const two_tenants t;
    auto& stack = shared_stack();
    const auto offsets_before = stack.total_end_offset();

    for (const auto& b_lead : t.b_leads) {
        for (const auto& [method, target, body] :
             every_lead_route(t.a.leads_path(), t.a.lead_path(b_lead))) {
            if (target == t.a.leads_path()) {
                continue; // the collection itself exists in A
            }
            CAPTURE(method);
            CAPTURE(target);
            check_problem(t.a.send(method, target, body), 404, "lead-not-found");
        }
    }
    CHECK(stack.total_end_offset() == offsets_before);
}

TEST_CASE("tenant A's lists, filtered or not, never contain tenant B's leads") {
    const two_tenants t;

    CHECK(list_all(t.a, "") == t.a_leads);
    CHECK(list_all(t.a, "&q=shared") == t.a_leads);
    CHECK(list_all(t.a, "&source=web&stage=new&min_score=0") == t.a_leads);
    CHECK(list_all(t.b, "&q=shared") == t.b_leads);

    // A cursor taken from B's list, replayed on A's list, still only pages through A.
    const auto b_page = t.b.send("GET", t.b.leads_path() + "?limit=1").json();
    const auto b_cursor = b_page.at("next_cursor").get<std::string>();
    const auto reply = t.a.send("GET", t.a.leads_path() + "?cursor=" + b_cursor);
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    const auto page = reply.json();
    for (const auto& item : page.at("items")) {
        CHECK(t.a_leads.contains(item.at("id").get<std::string>()));
    }
}

} // namespace ventros::operations_e2e
