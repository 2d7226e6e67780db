// Pins the tenancy projection and its queries on PostgreSQL: user, project and
// subscription events fold into their rows, replays change nothing, bad events are
// rejected, find_tenant assembles the dashboard, the plans are seeded, and row-level
// security keeps tenants (and their members' names) apart.
#include "sales_events_fixture.hpp"
#include "ventros/domain/plan_codec.hpp"
#include "ventros/projections/tenancy_projection.hpp"
#include "ventros/projections/tenancy_queries.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ventros;
using nlohmann::json;
using test::ordered_uuid;

namespace {

domain::timestamp at(const char* text) {
    return domain::parse_rfc3339(text).value();
}

domain::plan starter() {
    return {.code = "starter",
            .name = "Starter",
            .price_cents = 29900,
            .currency = "BRL",
            .limits = {.users = 5,
                       .messages_per_month = 1000,
                       .channel_instances = 1,
                       .leads = 1000,
                       .requests_per_minute = 600}};
}

struct fixture : test::projection_fixture<projections::tenancy_projection> {
    const std::string ana = ordered_uuid(1);
    const std::string bruno = ordered_uuid(2);
    const std::string carla = ordered_uuid(3);
    const std::string subscription = ordered_uuid(40);
    const domain::tenant_id acme{"acme"};
    const domain::subscription_id sub{subscription};

    projections::decoded_event user(std::uint32_t version, const std::string& id,
                                    const std::string& name) {
        return make.make("", version,
                         domain::user_registered{domain::user_id(id), name, name + "@example.com",
                                                 "$argon2id$v=19$secret"});
    }

    projections::decoded_event project(std::uint32_t version, domain::project_event event,
                                       const std::string& time = "2026-03-01T10:00:00.000Z") {
        return make.make("acme", version, std::move(event), time);
    }

    projections::decoded_event billing(std::uint32_t version, domain::subscription_event event) {
        return make.make("acme", version, std::move(event), "2026-03-01T10:00:01.000Z");
    }

    domain::project_created acme_created() {
        return {.id = acme,
                .name = "Acme",
                .description = "Anvils",
                .billing_account = domain::billing_account_id(ordered_uuid(30)),
                .owner = domain::user_id(ana),
                .session_timeout_minutes = 45};
    }

    /// Ana opens acme and adds Bruno (agent, then manager); a 14-day trial starts and is
    /// paid.
    std::vector<projections::decoded_event> batch() {
        return {
            user(1, ana, "ana"),
            user(1, bruno, "bruno"),
            project(1, acme_created()),
            project(2, domain::project_member_set{acme, domain::user_id(ana), domain::role::admin,
                                                  std::nullopt}),
            billing(1, domain::subscription_started{sub, starter(), at("2026-03-01T10:00:00Z"),
                                                    at("2026-03-15T10:00:00Z")}),
            project(3, domain::project_member_set{acme, domain::user_id(bruno), domain::role::agent,
                                                  std::nullopt}),
            project(4,
                    domain::project_member_set{acme, domain::user_id(bruno), domain::role::manager,
                                               domain::role::agent},
                    "2026-03-02T08:30:00.500Z"),
            billing(2,
                    domain::subscription_status_changed{sub, domain::subscription_status::trialing,
                                                        domain::subscription_status::active,
                                                        domain::status_reason::payment_succeeded}),
        };
    }

    std::string snapshot() { return digest({"users", "projects", "subscriptions"}); }
};

/// Inserts leads rows directly (the leads projection is not under test here).
void insert_leads(const test::pg_database& db, const std::string& tenant, int count, int first_id) {
    pqxx::connection admin(db.conninfo());
    pqxx::work tx(admin);
    for (int i = 0; i < count; ++i) {
        tx.exec_params0("INSERT INTO leads (tenant_id, lead_id, name, source, stage, created_by,"
                        " created_at, updated_at, version) VALUES ($1, $2::uuid, 'n', 'web', "
                        "'new', 'u', now(), now(), 1)",
                        tenant, ordered_uuid(static_cast<std::uint64_t>(first_id + i)));
    }
    tx.commit();
}

/// Runs `work` as ventros_reader with app.tenant_id set to `tenant` (none when empty).
template <class Work>
auto as_reader(const test::pg_database& db, const std::string& tenant, Work work) {
    pqxx::connection reader(db.conninfo("ventros_reader"));
    pqxx::work tx(reader);
    if (!tenant.empty()) {
        tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant);
    }
    return work(tx);
}

} // namespace

TEST_CASE("user, project and subscription events fold into their rows") {
    fixture f;
    const auto result = f.apply(f.batch());
    CHECK(result.applied == 8);
    CHECK(result.skipped == 0);
    CHECK(result.rejected.empty());

    const auto project = f.only_row("projects");
    CHECK(project["tenant_id"] == "acme");
    CHECK(project["name"] == "Acme");
    CHECK(project["description"] == "Anvils");
    CHECK(project["owner"] == f.ana);
    CHECK(project["session_timeout_minutes"] == 45);
    CHECK(project["version"] == 4);
    CHECK(project["members"] == json::array({{{"user_id", f.ana}, {"role", "admin"}},
                                             {{"user_id", f.bruno}, {"role", "manager"}}}));
    CHECK(project["products"]["crm"]["enabled"] == true);

    const auto subscription = f.only_row("subscriptions");
    CHECK(subscription["tenant_id"] == "acme");
    CHECK(subscription["subscription_id"] == f.subscription);
    CHECK(subscription["status"] == "active");
    CHECK(subscription["version"] == 2);
    CHECK(domain::plan_from_json(subscription["plan"]).value() == starter());
    CHECK(subscription["cancel_at_period_end"] == false);

    CHECK(test::count_rows(f.conn, "users") == 2);
    const auto bruno = f.only_row("users", "name = 'bruno'");
    CHECK(bruno["email"] == "bruno@example.com");
    CHECK(bruno["user_id"] == f.bruno);
    CHECK_FALSE(bruno.contains("password_hash"));

    pqxx::read_transaction tx(f.conn);
    CHECK(tx.exec1("SELECT created_at = '2026-03-01T10:00:00Z' AND "
                   "updated_at = '2026-03-02T08:30:00.500Z' FROM projects")[0]
              .as<bool>());
    CHECK(tx.exec1("SELECT trial_ends_at = '2026-03-15T10:00:00Z' AND "
                   "current_period_end = '2026-03-15T10:00:00Z' FROM subscriptions")[0]
              .as<bool>());
}

TEST_CASE("re-applying tenancy events, whole or overlapping, changes nothing") {
    fixture f;
    const auto events = f.batch();
    f.apply({events.begin(), events.begin() + 4});
    const auto rest = f.apply(events);
    CHECK(rest.applied == 4);
    CHECK(rest.skipped == 4);
    const auto before = f.snapshot();

    const auto again = f.apply(events);
    CHECK(again.applied == 0);
    CHECK(again.skipped == 8);
    CHECK(f.snapshot() == before);
}

TEST_CASE("members are added, change role and leave; settings and products update") {
    fixture f;
    f.apply(f.batch());
    domain::branding branding{.logo_url = "https://acme.example/logo.png",
                              .primary_color = "#112233",
                              .company_name = "Acme Ltda"};
    domain::product_setting bi{.enabled = true, .limits = {{"dashboards", 10}}};
    const auto result = f.apply({
        f.project(5, domain::project_member_removed{f.acme, domain::user_id(f.bruno)}),
        f.project(6, domain::project_settings_updated{.id = f.acme,
                                                      .name = "Acme Inc",
                                                      .description = std::optional<std::string>{},
                                                      .branding = branding}),
        f.project(7, domain::project_product_set{f.acme, domain::product::bi, bi}),
    });
    CHECK(result.applied == 3);
    CHECK(result.rejected.empty());

    const auto project = f.only_row("projects");
    CHECK(project["version"] == 7);
    CHECK(project["name"] == "Acme Inc");
    CHECK(project["description"].is_null());
    CHECK(project["members"] == json::array({{{"user_id", f.ana}, {"role", "admin"}}}));
    CHECK(project["branding"] == json{{"logo_url", "https://acme.example/logo.png"},
                                      {"primary_color", "#112233"},
                                      {"secondary_color", nullptr},
                                      {"company_name", "Acme Ltda"}});
    CHECK(project["products"]["bi"] == json{{"enabled", true}, {"limits", {{"dashboards", 10}}}});
    CHECK(project["products"]["crm"]["enabled"] == true);
}

TEST_CASE("subscription facts survive between batches: status, plan and cancellation") {
    fixture f;
    f.apply(f.batch());
    auto growth = starter();
    growth.code = "growth";
    growth.name = "Growth";
    growth.price_cents = 79900;
    growth.limits.users = 15;
    f.apply({f.billing(3, domain::subscription_plan_changed{f.sub, starter(), growth, 25000,
                                                            at("2026-03-05T00:00:00Z")}),
             f.billing(4, domain::subscription_cancellation_scheduled{
                              f.sub, at("2026-03-06T00:00:00Z"), at("2026-03-15T10:00:00Z")})});
    const auto result = f.apply({f.billing(
        5, domain::subscription_status_changed{f.sub, domain::subscription_status::active,
                                               domain::subscription_status::past_due,
                                               domain::status_reason::payment_failed})});
    CHECK(result.applied == 1);

    const auto row = f.only_row("subscriptions");
    CHECK(row["status"] == "past_due");
    CHECK(row["version"] == 5);
    CHECK(row["plan"]["code"] == "growth");
    CHECK(row["plan"]["limits"]["users"] == 15);
    CHECK(row["cancel_at_period_end"] == true);
    CHECK(row["facts"]["cancel_flag_set_by"]["at"] == "2026-03-06T00:00:00.000Z");
    CHECK(row["facts"]["period"]["end"] == "2026-03-15T10:00:00.000Z");
}

TEST_CASE("bad tenancy events are rejected, not applied") {
    fixture f;
    auto with_tenant = f.user(1, f.carla, "carla");
    with_tenant.attributes.tenant_id = "acme";
    auto foreign = f.project(1, f.acme_created());
    foreign.attributes.tenant_id = "other";
    const auto result = f.apply({
        with_tenant,
        foreign,
        f.project(2, domain::project_member_removed{f.acme, domain::user_id(f.ana)}),
        f.billing(2,
                  domain::subscription_status_changed{f.sub, domain::subscription_status::trialing,
                                                      domain::subscription_status::active,
                                                      domain::status_reason::payment_succeeded}),
    });
    CHECK(result.applied == 0);
    REQUIRE(result.rejected.size() == 4);
    CHECK(result.rejected[0].detail.find("has a tenant") != std::string::npos);
    CHECK(result.rejected[1].detail.find("ce_tenantid") != std::string::npos);
    CHECK(result.rejected[2].detail.find("version gap") != std::string::npos);
    CHECK(result.rejected[3].detail.find("version gap") != std::string::npos);
    CHECK(test::count_rows(f.conn, "users") == 0);
    CHECK(test::count_rows(f.conn, "projects") == 0);
}

TEST_CASE("find_tenant assembles project, members, subscription, usage and limits") {
    fixture f;
    f.apply(f.batch());
    f.apply({f.user(1, f.carla, "carla")}); // registered, not a member
    insert_leads(f.db, "acme", 3, 100);
    insert_leads(f.db, "globex", 2, 200);

    const auto tenant = as_reader(f.db, "acme", [](pqxx::transaction_base& tx) {
                            return projections::find_tenant(tx, "acme");
                        }).value();
    CHECK(tenant["tenant_id"] == "acme");
    CHECK(tenant["name"] == "Acme");
    CHECK(tenant["description"] == "Anvils");
    CHECK(tenant["billing_account_id"] == ordered_uuid(30));
    CHECK(tenant["owner"] == f.ana);
    CHECK(tenant["session_timeout_minutes"] == 45);
    CHECK(tenant["version"] == 4);
    CHECK(tenant["created_at"] == "2026-03-01T10:00:00.000Z");
    CHECK(tenant["updated_at"] == "2026-03-02T08:30:00.500Z");
    CHECK(
        tenant["members"] ==
        json::array(
            {{{"user_id", f.ana}, {"name", "ana"}, {"email", "ana@example.com"}, {"role", "admin"}},
             {{"user_id", f.bruno},
              {"name", "bruno"},
              {"email", "bruno@example.com"},
              {"role", "manager"}}}));
    CHECK(tenant["subscription"]["id"] == f.subscription);
    CHECK(tenant["subscription"]["status"] == "active");
    CHECK(tenant["subscription"]["plan"]["code"] == "starter");
    CHECK(tenant["subscription"]["trial_ends_at"] == "2026-03-15T10:00:00.000Z");
    CHECK(tenant["subscription"]["current_period_end"] == "2026-03-15T10:00:00.000Z");
    CHECK(tenant["subscription"]["cancel_at_period_end"] == false);
    CHECK(tenant["usage"] == json{{"leads", 3}, {"users", 2}});
    CHECK(tenant["limits"] == domain::plan_to_json(starter())["limits"]);
}

TEST_CASE("find_tenant without a subscription or project") {
    fixture f;
    f.apply({f.project(1, f.acme_created()),
             f.project(2, domain::project_member_set{f.acme, domain::user_id(f.ana),
                                                     domain::role::admin, std::nullopt})});
    const auto tenant = as_reader(f.db, "acme", [](pqxx::transaction_base& tx) {
                            return projections::find_tenant(tx, "acme");
                        }).value();
    CHECK(tenant["subscription"].is_null());
    CHECK(tenant["limits"].is_null());
    CHECK(tenant["usage"] == json{{"leads", 0}, {"users", 1}});
    // The owner's registration is not projected yet: the member has no name.
    REQUIRE(tenant["members"].size() == 1);
    CHECK(tenant["members"][0]["name"].is_null());
    CHECK(tenant["members"][0]["role"] == "admin");

    CHECK_FALSE(as_reader(f.db, "globex", [](pqxx::transaction_base& tx) {
                    return projections::find_tenant(tx, "globex");
                }).has_value());
}

TEST_CASE("row-level security hides other tenants and non-members") {
    fixture f;
    f.apply(f.batch());
    f.apply({f.user(1, f.carla, "carla"),
             f.make.make("globex", 1,
                         domain::project_created{.id = domain::tenant_id("globex"),
                                                 .name = "Globex",
                                                 .billing_account =
                                                     domain::billing_account_id(ordered_uuid(31)),
                                                 .owner = domain::user_id(f.carla)}),
             f.make.make("globex", 2,
                         domain::project_member_set{domain::tenant_id("globex"),
                                                    domain::user_id(f.carla), domain::role::admin,
                                                    std::nullopt})});

    // Another tenant's reader sees neither acme nor its members.
    CHECK_FALSE(as_reader(f.db, "globex", [](pqxx::transaction_base& tx) {
                    return projections::find_tenant(tx, "acme");
                }).has_value());
    const auto globex_users = as_reader(f.db, "globex", [](pqxx::transaction_base& tx) {
        return tx.exec1("SELECT string_agg(name, ',' ORDER BY name) FROM users")[0]
            .as<std::string>();
    });
    CHECK(globex_users == "carla");
    const auto globex_projects = as_reader(f.db, "globex", [](pqxx::transaction_base& tx) {
        return tx.exec1("SELECT count(*) FROM projects")[0].as<long>() +
               tx.exec1("SELECT count(*) FROM subscriptions")[0].as<long>();
    });
    CHECK(globex_projects == 1); // its project, no subscription

    const auto acme_users = as_reader(f.db, "acme", [](pqxx::transaction_base& tx) {
        return tx.exec1("SELECT count(*) FROM users")[0].as<long>();
    });
    CHECK(acme_users == 2); // ana and bruno, not carla

    // Without a tenant (global queries) no user is visible at all.
    const auto global_users = as_reader(f.db, "", [](pqxx::transaction_base& tx) {
        return tx.exec1("SELECT count(*) FROM users")[0].as<long>();
    });
    CHECK(global_users == 0);

    // The reader cannot write.
    CHECK_THROWS_AS(
        as_reader(f.db, "acme",
                  [](pqxx::transaction_base& tx) { return tx.exec("DELETE FROM users"); }),
        pqxx::sql_error);
}

TEST_CASE("the three plans are seeded with their limits, readable without a tenant") {
    test::pg_database db;
    test::migrate(db);
    const auto plans =
        as_reader(db, "", [](pqxx::transaction_base& tx) { return projections::list_plans(tx); });
    REQUIRE(plans.size() == 3);
    CHECK(plans[0] == domain::plan_to_json(starter()));
    const auto growth = domain::plan_from_json(plans[1]).value();
    CHECK(growth.code == "growth");
    CHECK(growth.price_cents == 79900);
    CHECK(growth.limits == domain::plan_limits{.users = 15,
                                               .messages_per_month = 5000,
                                               .channel_instances = 3,
                                               .leads = 10000,
                                               .requests_per_minute = 1800});
    const auto enterprise = domain::plan_from_json(plans[2]).value();
    CHECK(enterprise.code == "enterprise");
    CHECK(enterprise.price_cents == 249900);
    CHECK(enterprise.limits == domain::plan_limits{.requests_per_minute = 60000});

    const auto found = as_reader(
        db, "", [](pqxx::transaction_base& tx) { return projections::find_plan(tx, "growth"); });
    CHECK(found == plans[1]);
    CHECK_FALSE(as_reader(db, "", [](pqxx::transaction_base& tx) {
                    return projections::find_plan(tx, "platinum");
                }).has_value());
}

TEST_CASE("tenancy rows go to the rebuild's shadow tables, secured like the live ones") {
    fixture f;
    test::create_shadow_tables(f.db, {"users", "projects", "subscriptions"});
    f.apply(f.batch(), projections::table_names::with_suffix({"users", "projects", "subscriptions"},
                                                             "_rebuild"));
    CHECK(test::count_rows(f.conn, "projects") == 0);
    CHECK(f.only_row("projects_rebuild")["version"] == 4);
    CHECK(f.only_row("subscriptions_rebuild")["version"] == 2);
    CHECK(test::count_rows(f.conn, "users_rebuild") == 2);
    // The shadow users table got the members-only policy, decided by the live projects.
    f.apply(f.batch());
    const auto count_users = [](pqxx::transaction_base& tx) {
        return tx.exec1("SELECT count(*) FROM users_rebuild")[0].as<long>();
    };
    CHECK(as_reader(f.db, "acme", count_users) == 2);
    CHECK(as_reader(f.db, "globex", count_users) == 0);
}
