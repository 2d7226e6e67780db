-- The leads read model and the per-lead event journal (GET /leads/{id}/events).

CREATE TABLE leads (
    tenant_id      text        NOT NULL,
    lead_id        uuid        NOT NULL,
    name           text        NOT NULL,
    email          text,
    phone          text,
    company        text,
    source         text        NOT NULL,
    source_details text,
    stage          text        NOT NULL,
    score          int         NOT NULL DEFAULT 0,
    bant           jsonb,      -- {answers, points, threshold, flow_version}
    assigned_to    text,
    tags           text[]      NOT NULL DEFAULT '{}',
    custom_fields  jsonb       NOT NULL DEFAULT '{}',
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    qualified_at   timestamptz,
    converted_at   timestamptz,
    deal_id        uuid,
    lost_at        timestamptz,
    lost_reason    text,
    version        int         NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

-- List filters; each ends with lead_id because pages are ordered by it (UUIDv7 = time).
CREATE INDEX leads_stage_idx ON leads (tenant_id, stage, lead_id DESC);
CREATE INDEX leads_source_idx ON leads (tenant_id, source, lead_id DESC);
CREATE INDEX leads_assigned_to_idx ON leads (tenant_id, assigned_to, lead_id DESC);
CREATE INDEX leads_score_idx ON leads (tenant_id, score);
-- `q`: case-insensitive substring of name and email. Lower-casing goes through ICU so
-- non-ASCII letters fold whatever locale the database was created with.
CREATE INDEX leads_search_idx ON leads
    USING gin (lower((name || ' ' || coalesce(email, '')) COLLATE "und-x-icu") gin_trgm_ops);

SELECT ventros_secure_read_model('leads');

CREATE TABLE lead_events (
    tenant_id   text        NOT NULL,
    lead_id     uuid        NOT NULL,
    version     int         NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    data        jsonb       NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    "offset"    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, version)
);

SELECT ventros_secure_read_model('lead_events');
