#include "operations_support.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <functional>
#include <mutex>
#include <thread>

namespace ventros::operations_e2e {
namespace {

/// Every read-model table, each digested in its key order.
struct read_model_digest {
    std::string leads;
    std::string lead_events;
    std::string pipelines;
    std::string deals;
    std::string deal_events;
    std::string companies;
    std::string company_events;
    std::string contacts;
    std::string contact_events;
    std::string activities;
    std::string activity_events;
    bool operator==(const read_model_digest&) const = default;
};

read_model_digest digest(const testing::stack& stack) {
    auto conn = stack.admin_connection();
    return {table_digest(*conn, "leads", "tenant_id, lead_id"),
            table_digest(*conn, "lead_events", "tenant_id, lead_id, version"),
            table_digest(*conn, "pipelines", "tenant_id, pipeline_id"),
            table_digest(*conn, "deals", "tenant_id, deal_id"),
            table_digest(*conn, "deal_events", "tenant_id, deal_id, version"),
            table_digest(*conn, "companies", "tenant_id, company_id"),
            table_digest(*conn, "company_events", "tenant_id, company_id, version"),
            table_digest(*conn, "contacts", "tenant_id, contact_id"),
            table_digest(*conn, "contact_events", "tenant_id, contact_id, version"),
            table_digest(*conn, "activities", "tenant_id, activity_id"),
            table_digest(*conn, "activity_events", "tenant_id, activity_id, version")};
}

std::vector<std::string> index_names(const testing::stack& stack) {
    auto conn = stack.admin_connection();
    pqxx::read_transaction tx(*conn);
    std::vector<std::string> names;
    for (const auto& row :
         tx.exec("SELECT indexname FROM pg_indexes WHERE tablename IN ('leads', 'lead_events', "
                 "'pipelines', 'deals', 'deal_events', 'companies', 'company_events', 'contacts', "
                 "'contact_events', 'activities', 'activity_events') ORDER BY indexname")) {
        names.push_back(row[0].as<std::string>());
    }
    return names;
}

/// Sends a command that must answer `status`; returns its body.
nlohmann::json must(const tenant_admin& admin, const std::string& method, const std::string& path,
                    const nlohmann::json& body, unsigned status = 200) {
    const auto reply = admin.send(method, "/v1/tenants/" + admin.tenant() + path, body);
    REQUIRE_MESSAGE(reply.status == status, method << " " << path << ": " << reply.body);
    return reply.json();
}

/// A company created and updated; contacts created, updated, linked to a lead and a deal,
/// unlinked, and one merged into another.
void run_contact_workload(const tenant_admin& admin, const std::string& lead,
                          const std::string& deal) {
    const auto company =
        must(admin, "POST", "/companies", {{"name", "Acme"}, {"domain", "www.acme.com.br"}}, 201)
            .at("id")
            .get<std::string>();
    must(admin, "PATCH", "/companies/" + company, {{"size", "11-50"}});
    const auto contact = [&](const nlohmann::json& body) {
        return must(admin, "POST", "/contacts", body, 201).at("id").get<std::string>();
    };
    const auto survivor = contact({{"name", "Maria"}, {"company_id", company}});
    const auto merged = contact({{"name", "M. Silva"},
                                 {"email", "Maria@Acme.com.br"},
                                 {"phone", "+55 11 98765-4321"},
                                 {"position", "CFO"}});
    must(admin, "PATCH", "/contacts/" + survivor, {{"position", "CEO"}});
    must(admin, "POST", "/contacts/" + merged + "/links", {{"lead_id", lead}});
    must(admin, "POST", "/contacts/" + merged + "/links", {{"deal_id", deal}});
    must(admin, "POST", "/contacts/" + survivor + "/merge", {{"merged_id", merged}});
    must(admin, "DELETE", "/contacts/" + survivor + "/links/deals/" + deal, nullptr);
}

/// A call about the lead (later moved to the deal, and completed when `complete`) and a
/// note about the lead without a due time, assigned to someone else.
void add_activities(const tenant_admin& admin, const std::string& lead, const std::string& deal,
                    bool complete) {
    const auto activities = "/v1/tenants/" + admin.tenant() + "/activities";
    const auto call = admin.send("POST", activities,
                                 {{"kind", "call"},
                                  {"subject", "Ligar"},
                                  {"description", "sobre a proposta"},
                                  {"due_at", "2027-01-10T10:00:00-03:00"},
                                  {"lead_id", lead}});
    REQUIRE_MESSAGE(call.status == 201, call.body);
    const auto path = activities + "/" + call.json().at("id").get<std::string>();
    const auto moved = admin.send(
        "PATCH", path, {{"lead_id", nullptr}, {"deal_id", deal}, {"description", nullptr}});
    REQUIRE_MESSAGE(moved.status == 200, moved.body);
    if (complete) {
        const auto done = admin.send("POST", path + "/completion", {{"outcome", "fechado"}});
        REQUIRE_MESSAGE(done.status == 200, done.body);
    }
    const auto note = admin.send(
        "POST", activities,
        {{"kind", "note"}, {"subject", "Nota"}, {"assignee_id", "agent-9"}, {"lead_id", lead}});
    REQUIRE_MESSAGE(note.status == 201, note.body);
}

/// Leads in every state the commands can reach: contacted, assigned, qualified,
/// unqualified, lost and converted, with contact fields, tags and custom fields; the
/// converted leads' deals moved, updated, won, lost and reopened; a custom pipeline;
/// contacts and a company (run_contact_workload); activities on leads and deals, updated
/// and completed.
void run_mixed_workload(const tenant_admin& admin) {
    const nlohmann::json qualifying{{"budget", "above_10000"},
                                    {"authority", "decision_maker"},
                                    {"need", "automação de vendas"},
                                    {"timeline", "immediately"}};
    for (int i = 0; i < 4; ++i) {
        const auto n = std::to_string(i);
        const auto id = admin
                            .create_lead({{"name", "Prospect " + n},
                                          {"email", "Prospect" + n + "@Example.com"},
                                          {"phone", "+55 (11) 98765-432" + n},
                                          {"source", "whatsapp"},
                                          {"tags", {"tag-" + n}},
                                          {"custom_fields", {{"segment", "retail"}}}})
                            .id;
        admin.act(id, "", {{"company", "Company " + n}, {"stage", "contacted"}});
        admin.act(id, "assignment", {{"agent_id", "agent-" + n}});
        if (i == 0 || i == 3) {
            admin.act(id, "qualification", qualifying);
        }
        if (i == 0 || i == 3) {
            const auto deal =
                admin.convert(id, {{"value_cents", 125000 + i}, {"currency", "BRL"}}).id;
            if (i == 0) {
                run_contact_workload(admin, id, deal);
            }
            admin.act_on_deal(deal, "stage", {{"stage", "proposal"}});
            admin.act_on_deal(deal, "",
                              {{"title", "Renamed " + n}, {"expected_close", "2027-01-15"}});
            admin.act_on_deal(deal, i == 0 ? "won" : "lost",
                              i == 0 ? nlohmann::json::object()
                                     : nlohmann::json{{"reason", "price"}});
            if (i == 3) {
                admin.act_on_deal(deal, "reopen", nlohmann::json::object());
            }
            add_activities(admin, id, deal, i == 0);
        }
        if (i == 1) {
            admin.act(id, "qualification", {{"budget", "under_1000"}});
        }
        if (i == 1 || i == 2) {
            admin.act(id, "lost", {{"reason", "no budget this year"}});
        }
    }
}

testing::run_result rebuild(const testing::stack& stack, const std::string& projection = "leads") {
    return stack.ventros({"rebuild", projection});
}

} // namespace

TEST_CASE("rebuilding the leads projection reproduces the live tables exactly") {
    auto& stack = shared_stack();
    run_mixed_workload(tenant_admin(stack, unique_tenant("rebuild-a")));
    run_mixed_workload(tenant_admin(stack, unique_tenant("rebuild-b")));
    REQUIRE(stack.wait_projected("leads"));
    const auto live = digest(stack);
    const auto indexes = index_names(stack);
    auto conn = stack.admin_connection();
    // Every record of the topic is read: lead, deal and activity events are journalled,
    // and a pipeline's version counts its events.
    REQUIRE(stack.wait_projected("deals"));
    REQUIRE(stack.wait_projected("pipelines"));
    REQUIRE(stack.wait_projected("contacts"));
    REQUIRE(stack.wait_projected("activities"));
    const auto records = query_number(
        *conn, "SELECT (SELECT count(*) FROM lead_events) + (SELECT count(*) FROM deal_events) + "
               "(SELECT coalesce(sum(version), 0) FROM pipelines) + "
               "(SELECT count(*) FROM contact_events) + (SELECT count(*) FROM company_events) + "
               "(SELECT count(*) FROM activity_events)");

    const auto result = rebuild(stack);
    INFO(result.output);
    REQUIRE(result.status == 0);
    CHECK(result.output.find("events/s") != std::string::npos);
    CHECK(result.output.find("swapped") != std::string::npos);
    CHECK(result.output.find("rebuilt leads: " + std::to_string(records) + " events") !=
          std::string::npos);

    CHECK(digest(stack) == live);
    CHECK(index_names(stack) == indexes);
    // The swapped-in tables are as isolated as the old ones.
    pqxx::connection reader(stack.conninfo("ventros_reader"));
    CHECK(query_number(reader, "SELECT count(*) FROM leads") == 0);
    CHECK(query_number(reader, "SELECT count(*) FROM lead_events") == 0);
}

TEST_CASE("rebuilding the deals, pipelines, contacts and activities projections reproduces the "
          "live tables exactly") {
    auto& stack = shared_stack();
    run_mixed_workload(tenant_admin(stack, unique_tenant("rebuild-sales")));
    for (const std::string projection : {"leads", "deals", "pipelines", "contacts", "activities"}) {
        REQUIRE(stack.wait_projected(projection));
    }
    const auto live = digest(stack);
    const auto indexes = index_names(stack);
    auto conn = stack.admin_connection();
    REQUIRE(query_number(*conn, "SELECT count(*) FROM deals WHERE status = 'won'") > 0);
    REQUIRE(query_number(*conn, "SELECT count(*) FROM deal_events WHERE type LIKE "
                                "'%deal.reopened%'") > 0);
    REQUIRE(query_number(*conn, "SELECT count(*) FROM contacts WHERE merged_into IS NOT NULL") > 0);
    REQUIRE(query_number(*conn, "SELECT count(*) FROM activities WHERE completed_at IS NOT "
                                "NULL") > 0);

    for (const std::string projection : {"deals", "pipelines", "contacts", "activities"}) {
        const auto result = rebuild(stack, projection);
        INFO(result.output);
        REQUIRE(result.status == 0);
        CHECK(result.output.find("rebuilt " + projection + ": ") != std::string::npos);
        CHECK(digest(stack) == live);
        CHECK(index_names(stack) == indexes);
    }
    pqxx::connection reader(stack.conninfo("ventros_reader"));
    CHECK(query_number(reader, "SELECT count(*) FROM deals") == 0);
    CHECK(query_number(reader, "SELECT count(*) FROM pipelines") == 0);
    CHECK(query_number(reader, "SELECT count(*) FROM contacts") == 0);
    CHECK(query_number(reader, "SELECT count(*) FROM companies") == 0);
    CHECK(query_number(reader, "SELECT count(*) FROM activities") == 0);
}

TEST_CASE("a rebuild under live commands and queries loses nothing and matches a rebuild at "
          "rest") {
    auto& stack = shared_stack();
    const tenant_admin admin(stack, unique_tenant("rebuild-live"));
    std::atomic<int> writes{0};
    std::mutex mutex;
    std::map<std::string, int> versions; // lead id → version after its last command
    std::vector<std::string> failures;
    const auto fail = [&](const std::string& what) {
        const std::lock_guard lock(mutex);
        failures.push_back(what);
    };

    // Each thread ends at its first failure, which the test reports after joining.
    const auto guarded = [&](std::function<void(std::stop_token)> work) {
        return [&, work = std::move(work)](std::stop_token stop) {
            try {
                work(stop);
            } catch (const std::exception& e) {
                fail(e.what());
            }
        };
    };
    std::jthread writer(guarded([&](std::stop_token stop) {
        for (int i = 0; !stop.stop_requested(); ++i) {
            const auto created =
                admin.send("POST", admin.leads_path(), {{"name", "Live " + std::to_string(i)}});
            if (created.status != 201) {
                return fail("create: " + created.body);
            }
            const auto id = created.json().at("id").get<std::string>();
            const auto updated =
                admin.send("PATCH", admin.lead_path(id), {{"company", "During rebuild"}});
            if (updated.status != 200) {
                return fail("update: " + updated.body);
            }
            const std::lock_guard lock(mutex);
            versions[id] = updated.json().at("version").get<int>();
            ++writes;
        }
    }));
    std::jthread reader(guarded([&](std::stop_token stop) {
        while (!stop.stop_requested()) {
            const auto page = admin.send("GET", admin.leads_path() + "?limit=5");
            if (page.status != 200) {
                return fail("list: " + page.body);
            }
        }
    }));

    REQUIRE(eventually([&] { return writes >= 3; }));
    const int writes_before = writes;
    const auto during = rebuild(stack);
    const int writes_during = writes - writes_before;
    writer.request_stop();
    reader.request_stop();
    writer.join();
    reader.join();
    INFO(during.output);
    REQUIRE(during.status == 0);
    CHECK(failures.empty());
    CHECK(writes_during > 0);

    REQUIRE(stack.wait_projected("leads"));
    auto conn = stack.admin_connection();
    std::map<std::string, int> projected;
    {
        pqxx::read_transaction tx(*conn);
        for (const auto& row : tx.exec_params(
                 "SELECT lead_id::text, version FROM leads WHERE tenant_id = $1", admin.tenant())) {
            projected[row[0].as<std::string>()] = row[1].as<int>();
        }
    }
    CHECK(projected == versions);

    const auto live = digest(stack);
    const auto at_rest = rebuild(stack);
    INFO(at_rest.output);
    REQUIRE(at_rest.status == 0);
    CHECK(digest(stack) == live);
}

} // namespace ventros::operations_e2e
