#include "operations_support.hpp"

#include <doctest/doctest.h>
#include <optional>
#include <set>

namespace ventros::operations_e2e {
namespace {

/// Tenant ids of every row of `table` the gateway's role sees, in one transaction that
/// sets app.tenant_id to `tenant` first (or leaves it unset).
std::multiset<std::string> visible_tenants(pqxx::connection& reader, const std::string& table,
                                           const std::optional<std::string>& tenant) {
    pqxx::work tx(reader);
    if (tenant) {
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", *tenant);
    }
    std::multiset<std::string> seen;
    for (const auto& row : tx.exec("SELECT tenant_id FROM " + table)) {
        seen.insert(row[0].as<std::string>());
    }
    tx.commit();
    return seen;
}

/// Runs `sql` as the reader with app.tenant_id set to `tenant`.
void write_as_reader(pqxx::connection& reader, const std::string& tenant, const std::string& sql) {
    pqxx::work tx(reader);
    tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
    tx.exec(sql);
    tx.commit();
}

} // namespace

TEST_CASE("as ventros_reader, queries without a tenant filter see only the tenant in "
          "app.tenant_id, and nothing without it") {
    auto& stack = shared_stack();
    const tenant_admin a(stack, unique_tenant("rls-a"));
    const tenant_admin b(stack, unique_tenant("rls-b"));
    const auto qualified = a.create_lead({{"name", "Qualified Prospect"}}).id;
    a.act(qualified, "qualification", {{"budget", "above_10000"}, {"authority", "decision_maker"}});
    a.create_lead({{"name", "Second Prospect"}});
    b.create_lead({{"name", "Other Tenant Prospect"}});
    REQUIRE(stack.wait_projected("leads"));

    pqxx::connection reader(stack.conninfo("ventros_reader"));
    // created + created + scored + qualified
    CHECK(visible_tenants(reader, "leads", a.tenant()) ==
          std::multiset<std::string>{a.tenant(), a.tenant()});
    CHECK(visible_tenants(reader, "lead_events", a.tenant()) ==
          std::multiset<std::string>{a.tenant(), a.tenant(), a.tenant(), a.tenant()});
    CHECK(visible_tenants(reader, "leads", b.tenant()) == std::multiset<std::string>{b.tenant()});
    CHECK(visible_tenants(reader, "leads", std::nullopt).empty());
    CHECK(visible_tenants(reader, "lead_events", std::nullopt).empty());

    // The rows are there: the superuser, who bypasses the policy, sees both tenants.
    auto admin = stack.admin_connection();
    CHECK(query_number(*admin, "SELECT count(DISTINCT tenant_id) FROM leads WHERE tenant_id IN ('" +
                                   a.tenant() + "', '" + b.tenant() + "')") == 2);
}

TEST_CASE("ventros_reader cannot insert, update or delete read-model rows, even in its own "
          "tenant") {
    auto& stack = shared_stack();
    const tenant_admin a(stack, unique_tenant("rls-write"));
    a.create_lead({{"name", "Read Only Prospect"}});
    REQUIRE(stack.wait_projected("leads"));

    pqxx::connection reader(stack.conninfo("ventros_reader"));
    const auto& t = a.tenant();
    CHECK_THROWS_AS(write_as_reader(reader, t,
                                    "INSERT INTO leads (tenant_id, lead_id, name, source, stage, "
                                    "created_by, created_at, updated_at, version) VALUES ('" +
                                        t +
                                        "', '01900000-0000-7000-8000-000000000001', 'Forged', "
                                        "'api', 'new', 'x', now(), now(), 1)"),
                    pqxx::insufficient_privilege);
    CHECK_THROWS_AS(write_as_reader(reader, t, "UPDATE leads SET name = 'Forged'"),
                    pqxx::insufficient_privilege);
    CHECK_THROWS_AS(write_as_reader(reader, t, "DELETE FROM leads"), pqxx::insufficient_privilege);
    CHECK_THROWS_AS(write_as_reader(reader, t, "DELETE FROM lead_events"),
                    pqxx::insufficient_privilege);

    auto admin = stack.admin_connection();
    CHECK(query_number(*admin, "SELECT count(*) FROM leads WHERE tenant_id = '" + t +
                                   "' AND name = 'Read Only Prospect'") == 1);
}

} // namespace ventros::operations_e2e
