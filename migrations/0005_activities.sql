-- The activities read model (calls, emails, meetings, tasks, notes) and the per-activity
-- event journal (GET /activities/{id}/events).

CREATE TABLE activities (
    tenant_id    text        NOT NULL,
    activity_id  uuid        NOT NULL,
    kind         text        NOT NULL, -- call | email | meeting | task | note
    subject      text        NOT NULL,
    description  text,
    due_at       timestamptz,
    assignee_id  text        NOT NULL,
    lead_id      uuid,
    deal_id      uuid,
    contact_id   uuid,
    outcome      text,
    completed_at timestamptz,          -- NULL while the activity is open
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      int         NOT NULL,
    PRIMARY KEY (tenant_id, activity_id)
);

-- Lists are ordered by due time (activities without one last), then id. Each index ends
-- with that order so a page is one index range scan; the first answers "open activities
-- due before a time, per assignee".
CREATE INDEX activities_open_due_idx ON activities
    (tenant_id, assignee_id, (coalesce(due_at, 'infinity'::timestamptz)), activity_id)
    WHERE completed_at IS NULL;
CREATE INDEX activities_assignee_due_idx ON activities
    (tenant_id, assignee_id, (coalesce(due_at, 'infinity'::timestamptz)), activity_id);
CREATE INDEX activities_due_idx ON activities
    (tenant_id, (coalesce(due_at, 'infinity'::timestamptz)), activity_id);
CREATE INDEX activities_lead_idx ON activities (tenant_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX activities_deal_idx ON activities (tenant_id, deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX activities_contact_idx ON activities (tenant_id, contact_id)
    WHERE contact_id IS NOT NULL;

SELECT ventros_secure_read_model('activities');

CREATE TABLE activity_events (
    tenant_id   text        NOT NULL,
    activity_id uuid        NOT NULL,
    version     int         NOT NULL,
    event_id    uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    data        jsonb       NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    "offset"    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, activity_id, version)
);

SELECT ventros_secure_read_model('activity_events');
