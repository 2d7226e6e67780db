-- The metrics read model (projection `metrics`): per tenant and UTC day counters and
-- deltas, summed over any date range by the metrics queries, plus the per-lead and
-- per-deal state the projection needs to compute them. A day is the UTC date of the
-- event's ce_time. Money is integer cents per currency; currencies are never added.

-- What the projection remembers of each lead: its source and creation day (leads are
-- counted by source on the day they were created) and its current score.
CREATE TABLE metrics_leads (
    tenant_id   text    NOT NULL,
    lead_id     uuid    NOT NULL,
    source      text    NOT NULL,
    created_day date    NOT NULL,
    score       int     NOT NULL,
    version     int     NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

SELECT ventros_secure_read_model('metrics_leads');

-- What the projection remembers of each deal: where its open value sits, who owns it,
-- when it was created and the day of the close (won or lost) that currently stands.
CREATE TABLE metrics_deals (
    tenant_id   text    NOT NULL,
    deal_id     uuid    NOT NULL,
    pipeline_id uuid    NOT NULL,
    stage       text    NOT NULL,
    probability int     NOT NULL,
    value_cents bigint  NOT NULL,
    currency    text    NOT NULL,
    status      text    NOT NULL, -- open | won | lost
    owner_id    text    NOT NULL,
    created_day date    NOT NULL,
    closed_day  date,             -- of the current win or loss; NULL while open
    version     int     NOT NULL,
    PRIMARY KEY (tenant_id, deal_id)
);

SELECT ventros_secure_read_model('metrics_deals');

-- Activity counters per day. A reopen undoes the close it reopens on that close's day,
-- so deals_won and deals_lost count the closes that still stand.
CREATE TABLE metrics_daily (
    tenant_id       text   NOT NULL,
    day             date   NOT NULL,
    leads_created   bigint NOT NULL,
    leads_qualified bigint NOT NULL,
    leads_converted bigint NOT NULL,
    deals_created   bigint NOT NULL,
    deals_won       bigint NOT NULL,
    deals_lost      bigint NOT NULL,
    won_cycle_days  bigint NOT NULL, -- Σ (win day − creation day) of deals_won
    PRIMARY KEY (tenant_id, day)
);

SELECT ventros_secure_read_model('metrics_daily');

-- Revenue won per day, owner (at the win) and currency.
CREATE TABLE metrics_revenue_daily (
    tenant_id text   NOT NULL,
    day       date   NOT NULL,
    owner_id  text   NOT NULL,
    currency  text   NOT NULL,
    won_cents bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, owner_id, currency)
);

SELECT ventros_secure_read_model('metrics_revenue_daily');

-- Changes of the open pipeline per day: the open value at the end of a day is the sum
-- of the deltas up to that day. weighted_cents of a deal is
-- floor(value_cents × probability / 100), as on the pipeline board.
CREATE TABLE metrics_open_value_daily (
    tenant_id      text   NOT NULL,
    day            date   NOT NULL,
    pipeline_id    uuid   NOT NULL,
    stage          text   NOT NULL,
    currency       text   NOT NULL,
    open_deals     bigint NOT NULL,
    raw_cents      bigint NOT NULL,
    weighted_cents bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, pipeline_id, stage, currency)
);

SELECT ventros_secure_read_model('metrics_open_value_daily');

-- Leads by source, on the day each lead was created: how many, the sum of their current
-- scores and how many of them converted (whenever they did).
CREATE TABLE metrics_sources_daily (
    tenant_id   text   NOT NULL,
    day         date   NOT NULL,
    source      text   NOT NULL,
    leads       bigint NOT NULL,
    score_sum   bigint NOT NULL,
    conversions bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, source)
);

SELECT ventros_secure_read_model('metrics_sources_daily');

-- Deals per owner per day: created (owner at creation), won and lost (owner at the
-- close, undone on the close's day by a reopen).
CREATE TABLE metrics_agents_daily (
    tenant_id      text   NOT NULL,
    day            date   NOT NULL,
    owner_id       text   NOT NULL,
    deals_created  bigint NOT NULL,
    deals_won      bigint NOT NULL,
    deals_lost     bigint NOT NULL,
    won_cycle_days bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, owner_id)
);

SELECT ventros_secure_read_model('metrics_agents_daily');
