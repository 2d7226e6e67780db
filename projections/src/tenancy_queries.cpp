#include "ventros/projections/tenancy_queries.hpp"

#include "query_text.hpp"

#include <pqxx/pqxx>

namespace ventros::projections {
namespace {

using detail::rfc3339;
using nlohmann::json;

const std::string plan_object =
    "json_build_object('code', code, 'name', name, 'price_cents', price_cents, "
    "'currency', currency, 'limits', limits)";

/// A member's user id as a uuid, NULL when it is not one (it then matches no user).
const std::string member_uuid = "CASE WHEN m.value->>'user_id' ~* "
                                "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' "
                                "THEN (m.value->>'user_id')::uuid END";

} // namespace

std::optional<json> find_tenant(pqxx::transaction_base& tx, const std::string& tenant) {
    return detail::one_json(
        tx.exec_params("WITH s AS (SELECT * FROM subscriptions WHERE tenant_id = $1) "
                       "SELECT json_build_object("
                       "  'tenant_id', p.tenant_id, 'name', p.name, 'description', p.description, "
                       "  'billing_account_id', p.billing_account_id, 'owner', p.owner, "
                       "  'session_timeout_minutes', p.session_timeout_minutes, "
                       "  'branding', p.branding, 'products', p.products, "
                       "  'members', (SELECT coalesce(json_agg(json_build_object("
                       "        'user_id', m.value->>'user_id', 'name', u.name, 'email', u.email, "
                       "        'role', m.value->>'role') ORDER BY m.value->>'user_id'), '[]') "
                       "      FROM jsonb_array_elements(p.members) m "
                       "      LEFT JOIN users u ON u.user_id = " +
                           member_uuid +
                           "), "
                           "  'subscription', (SELECT json_build_object("
                           "        'id', s.subscription_id, 'status', s.status, 'plan', s.plan, "
                           "        'trial_ends_at', " +
                           rfc3339("s.trial_ends_at") + ", 'current_period_start', " +
                           rfc3339("s.current_period_start") + ", 'current_period_end', " +
                           rfc3339("s.current_period_end") +
                           ", 'cancel_at_period_end', s.cancel_at_period_end) FROM s), "
                           "  'usage', json_build_object("
                           "      'leads', (SELECT count(*) FROM leads l WHERE l.tenant_id = $1), "
                           "      'users', jsonb_array_length(p.members)), "
                           "  'limits', (SELECT s.plan->'limits' FROM s), "
                           "  'version', p.version, 'created_at', " +
                           rfc3339("p.created_at") + ", 'updated_at', " + rfc3339("p.updated_at") +
                           ")::text FROM projects p WHERE p.tenant_id = $1",
                       tenant));
}

json list_plans(pqxx::transaction_base& tx) {
    return json::parse(tx.exec1("SELECT coalesce(json_agg(" + plan_object +
                                " ORDER BY position), '[]')::text "
                                "FROM plans")[0]
                           .c_str());
}

std::optional<json> find_plan(pqxx::transaction_base& tx, const std::string& code) {
    return detail::one_json(
        tx.exec_params("SELECT " + plan_object + "::text FROM plans WHERE code = $1", code));
}

} // namespace ventros::projections
