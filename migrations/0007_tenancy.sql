-- The tenancy read models: plans (data, seeded here), users, projects (tenants) with their
-- members, products and branding, and each tenant's subscription.

-- Plans are data: the gateway reads a plan here when a project opens or changes plan and
-- puts a copy into the subscription event. Global and readable by every reader.
CREATE TABLE plans (
    code        text   PRIMARY KEY,
    name        text   NOT NULL,
    price_cents bigint NOT NULL CHECK (price_cents >= 0), -- per month
    currency    text   NOT NULL,
    -- {users, messages_per_month, channel_instances, leads, requests_per_minute};
    -- a null limit is unlimited
    limits      jsonb  NOT NULL,
    position    int    NOT NULL UNIQUE -- display order
);

GRANT SELECT ON plans TO ventros_reader;
GRANT SELECT ON plans TO ventros_projector;

INSERT INTO plans (code, name, price_cents, currency, limits, position) VALUES
    ('starter', 'Starter', 29900, 'BRL',
     '{"users": 5, "messages_per_month": 1000, "channel_instances": 1, "leads": 1000,
       "requests_per_minute": 600}', 1),
    ('growth', 'Growth', 79900, 'BRL',
     '{"users": 15, "messages_per_month": 5000, "channel_instances": 3, "leads": 10000,
       "requests_per_minute": 1800}', 2),
    ('enterprise', 'Enterprise', 249900, 'BRL',
     '{"users": null, "messages_per_month": null, "channel_instances": null, "leads": null,
       "requests_per_minute": 60000}', 3);

-- Projects: one per tenant.
CREATE TABLE projects (
    tenant_id               text        PRIMARY KEY,
    name                    text        NOT NULL,
    description             text,
    billing_account_id      text        NOT NULL,
    owner                   text        NOT NULL, -- user id of the creator
    session_timeout_minutes int         NOT NULL,
    members                 jsonb       NOT NULL, -- [{user_id, role}] by user_id
    products                jsonb       NOT NULL, -- {crm: {enabled, limits: {name: n}}, ...}
    -- {logo_url, primary_color, secondary_color, company_name}, each possibly null
    branding                jsonb       NOT NULL,
    version                 int         NOT NULL,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);

SELECT ventros_secure_read_model('projects');

-- Each tenant's subscription. The plan is the copy the subscription records.
CREATE TABLE subscriptions (
    tenant_id            text        PRIMARY KEY,
    subscription_id      uuid        NOT NULL,
    plan                 jsonb       NOT NULL, -- {code, name, price_cents, currency, limits}
    status               text        NOT NULL, -- trialing | active | past_due | canceled | unpaid
    trial_ends_at        timestamptz NOT NULL,
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    cancel_at_period_end boolean     NOT NULL,
    paid_through         timestamptz,
    -- What the projection needs to keep folding the subscription's facts (RFC 3339 times):
    -- {trial_ends_at, period: {start, end}, paid_through, failed_through,
    --  exhausted_through, cancel_flag_set_by: {at, provider_event_id} | null, ended_by}.
    -- Not for readers: the columns above say the same.
    facts                jsonb       NOT NULL,
    version              int         NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

SELECT ventros_secure_read_model('subscriptions');

-- Users are global (no tenant) and hold no password hash. A tenant's reader sees only
-- the users who are members of its project (by the row-level security below), so names
-- and emails never leak across tenants; global readers see none.
CREATE TABLE users (
    user_id    uuid        PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL, -- normalized
    version    int         NOT NULL,
    created_at timestamptz NOT NULL
);

-- True when `member` is a member of the project of the session's tenant (`app.tenant_id`).
-- Resolved by name at each call, so the projects table can be swapped by a rebuild.
CREATE FUNCTION ventros_tenant_has_member(member uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM projects
        WHERE tenant_id = current_setting('app.tenant_id', true)
          AND members @> jsonb_build_array(jsonb_build_object('user_id', member::text)))
$$;

-- As in 0001 for tables with a tenant_id; a table without one is a directory of users
-- (keyed by user_id), visible row by row to the tenants the user is a member of.
CREATE OR REPLACE FUNCTION ventros_secure_read_model(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    tenant_scoped boolean := EXISTS (
        SELECT 1 FROM pg_attribute
        WHERE attrelid = tbl AND attname = 'tenant_id' AND attnum > 0 AND NOT attisdropped);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    IF tenant_scoped AND NOT EXISTS (SELECT 1 FROM pg_policy
                                     WHERE polrelid = tbl AND polname = 'tenant_isolation') THEN
        EXECUTE format('CREATE POLICY tenant_isolation ON %s FOR ALL TO PUBLIC '
                       'USING (tenant_id = current_setting(''app.tenant_id'', true))', tbl);
    END IF;
    IF NOT tenant_scoped AND NOT EXISTS (SELECT 1 FROM pg_policy
                                         WHERE polrelid = tbl AND polname = 'member_visibility') THEN
        EXECUTE format('CREATE POLICY member_visibility ON %s FOR SELECT TO PUBLIC '
                       'USING (ventros_tenant_has_member(user_id))', tbl);
    END IF;
    EXECUTE format('GRANT SELECT ON %s TO ventros_reader', tbl);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO ventros_projector', tbl);
END
$$;
REVOKE ALL ON FUNCTION ventros_secure_read_model(regclass) FROM PUBLIC;

SELECT ventros_secure_read_model('users');
