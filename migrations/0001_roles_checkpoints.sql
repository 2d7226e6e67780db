-- Roles, projector checkpoints and the helper that secures every read-model table.
-- Roles are cluster-wide while each database runs its own migrations, so creating them
-- tolerates another database (or a concurrent migrator) having created them first.

DO $$
BEGIN
    CREATE ROLE ventros_projector LOGIN BYPASSRLS;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
    CREATE ROLE ventros_reader LOGIN NOBYPASSRLS NOSUPERUSER;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- The role may predate this migration with other attributes; the contract is these.
ALTER ROLE ventros_projector LOGIN BYPASSRLS;
ALTER ROLE ventros_reader LOGIN NOBYPASSRLS NOSUPERUSER;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The projector's position per projection and partition, written in the same
-- transaction as the read-model rows it covers.
CREATE TABLE projection_checkpoints (
    projection  text        NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, topic, partition)
);
GRANT SELECT ON projection_checkpoints TO ventros_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON projection_checkpoints TO ventros_projector;

-- Row-level security (enabled and forced, so even the owner is filtered) plus the grants
-- of a read-model table. Migrations call it for live tables, rebuild for shadow tables.
CREATE FUNCTION ventros_secure_read_model(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    IF NOT EXISTS (SELECT 1 FROM pg_policy
                   WHERE polrelid = tbl AND polname = 'tenant_isolation') THEN
        EXECUTE format('CREATE POLICY tenant_isolation ON %s FOR ALL TO PUBLIC '
                       'USING (tenant_id = current_setting(''app.tenant_id'', true))', tbl);
    END IF;
    EXECUTE format('GRANT SELECT ON %s TO ventros_reader', tbl);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO ventros_projector', tbl);
END
$$;
REVOKE ALL ON FUNCTION ventros_secure_read_model(regclass) FROM PUBLIC;
