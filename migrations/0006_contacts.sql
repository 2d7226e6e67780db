-- The contacts and companies read models and their per-record event journals
-- (GET /contacts/{id}/events, GET /companies/{id}/events).

CREATE TABLE companies (
    tenant_id  text        NOT NULL,
    company_id uuid        NOT NULL,
    name       text        NOT NULL,
    domain     text,       -- normalized host, e.g. acme.com.br
    industry   text,
    size       text,       -- 1-10 | 11-50 | 51-200 | 201-1000 | 1001+
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    int         NOT NULL,
    PRIMARY KEY (tenant_id, company_id)
);

-- `q`: prefix of the lower-cased name or of the domain; `domain`: equality.
CREATE INDEX companies_name_idx ON companies (tenant_id, lower(name) text_pattern_ops);
CREATE INDEX companies_domain_idx ON companies (tenant_id, domain text_pattern_ops);

SELECT ventros_secure_read_model('companies');

CREATE TABLE company_events (
    tenant_id   text        NOT NULL,
    company_id  uuid        NOT NULL,
    version     int         NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    data        jsonb       NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    "offset"    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, company_id, version)
);

SELECT ventros_secure_read_model('company_events');

CREATE TABLE contacts (
    tenant_id   text        NOT NULL,
    contact_id  uuid        NOT NULL,
    name        text        NOT NULL,
    email       text,       -- normalized (lower case)
    phone       text,       -- normalized ('+' and digits)
    position    text,
    company_id  uuid,
    lead_ids    uuid[]      NOT NULL DEFAULT '{}', -- linked leads, in link order
    deal_ids    uuid[]      NOT NULL DEFAULT '{}', -- linked deals, in link order
    merged_into uuid,       -- set once merged: the survivor
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     int         NOT NULL,
    PRIMARY KEY (tenant_id, contact_id)
);

-- List filters; pages are ordered by contact_id (UUIDv7 = time). `q`: prefix of the
-- lower-cased name or of the email; `email`: equality.
CREATE INDEX contacts_company_idx ON contacts (tenant_id, company_id, contact_id DESC);
CREATE INDEX contacts_name_idx ON contacts (tenant_id, lower(name) text_pattern_ops);
CREATE INDEX contacts_email_idx ON contacts (tenant_id, email text_pattern_ops);

SELECT ventros_secure_read_model('contacts');

CREATE TABLE contact_events (
    tenant_id   text        NOT NULL,
    contact_id  uuid        NOT NULL,
    version     int         NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    data        jsonb       NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    "offset"    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, version)
);

SELECT ventros_secure_read_model('contact_events');
