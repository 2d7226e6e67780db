-- The sales read models: pipelines (with their stages), deals and the per-deal event
-- journal (GET /deals/{id}/events).

CREATE TABLE pipelines (
    tenant_id   text        NOT NULL,
    pipeline_id uuid        NOT NULL,
    name        text        NOT NULL,
    is_default  boolean     NOT NULL,
    stages      jsonb       NOT NULL, -- [{id, name, probability}] in board order
    version     int         NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, pipeline_id)
);

SELECT ventros_secure_read_model('pipelines');

CREATE TABLE deals (
    tenant_id              text        NOT NULL,
    deal_id                uuid        NOT NULL,
    title                  text        NOT NULL,
    value_cents            bigint      NOT NULL,
    currency               text        NOT NULL,
    pipeline_id            uuid        NOT NULL,
    stage                  text        NOT NULL,
    probability            int         NOT NULL,
    probability_overridden boolean     NOT NULL,
    status                 text        NOT NULL, -- open | won | lost
    owner_id               text        NOT NULL,
    lead_id                uuid,
    company_id             uuid,
    expected_close         date,
    lost_reason            text,
    created_by             text        NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    won_at                 timestamptz,
    lost_at                timestamptz,
    version                int         NOT NULL,
    PRIMARY KEY (tenant_id, deal_id)
);

-- List filters; each ends with deal_id because pages are ordered by it (UUIDv7 = time).
CREATE INDEX deals_pipeline_stage_idx ON deals (tenant_id, pipeline_id, stage, deal_id DESC);
CREATE INDEX deals_owner_idx ON deals (tenant_id, owner_id, deal_id DESC);
CREATE INDEX deals_status_idx ON deals (tenant_id, status, deal_id DESC);
CREATE INDEX deals_value_idx ON deals (tenant_id, value_cents, deal_id DESC);
CREATE INDEX deals_expected_close_idx ON deals (tenant_id, expected_close, deal_id DESC);

SELECT ventros_secure_read_model('deals');

CREATE TABLE deal_events (
    tenant_id   text        NOT NULL,
    deal_id     uuid        NOT NULL,
    version     int         NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    data        jsonb       NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    "offset"    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, deal_id, version)
);

SELECT ventros_secure_read_model('deal_events');
