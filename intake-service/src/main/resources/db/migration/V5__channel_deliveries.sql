-- Channel connections (issue 20): where the suite delivers what it says to customers.
CREATE TABLE channel_endpoint (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    channel text NOT NULL,              -- web-chat, app, social-media, sms, phone
    url text NOT NULL,
    kinds text[] NOT NULL,              -- message kinds it wants (receipt, reply, ...)
    locale text NOT NULL,               -- zh-CN or en
    quiet_hours boolean NOT NULL,
    enabled boolean NOT NULL,
    disabled_reason text,
    secret_current bytea NOT NULL,      -- AES-GCM sealed signing key; never returned by the API
    secret_current_fingerprint text NOT NULL,
    secret_current_since timestamptz NOT NULL,
    secret_previous bytea,              -- still valid (signed with too) until secret_previous_until
    secret_previous_fingerprint text,
    secret_previous_until timestamptz,
    health text NOT NULL DEFAULT 'healthy', -- healthy, failing, disabled (channel.connection-health)
    health_since timestamptz,
    deleted_at timestamptz,
    version int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX channel_endpoint_name ON channel_endpoint (name) WHERE deleted_at IS NULL;

-- Every change to a connection: who, when, what (secrets appear only as fingerprints).
CREATE TABLE channel_endpoint_audit (
    id bigserial PRIMARY KEY,
    endpoint_id uuid NOT NULL REFERENCES channel_endpoint (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    changes text NOT NULL               -- JSON object
);
CREATE INDEX channel_endpoint_audit_endpoint ON channel_endpoint_audit (endpoint_id, id);

-- The outbox of deliveries: written in the transaction that consumed the event, sent by the
-- dispatcher. id is the webhook-id (the same on every retry); seq orders a key's deliveries.
CREATE TABLE delivery (
    id uuid PRIMARY KEY,
    seq bigserial NOT NULL UNIQUE,
    transport text NOT NULL,            -- webhook or email
    endpoint_id uuid REFERENCES channel_endpoint (id),
    address text,                       -- the e-mail address (transport email)
    order_key text NOT NULL,            -- one at a time, in seq order, per key (route + complaint)
    complaint_id uuid,
    kind text NOT NULL,
    source_event text NOT NULL,
    facts text NOT NULL,                -- JSON: what the message says, from the event and the complaint
    body text,                          -- rendered at the first attempt, the same on every retry
    subject text,
    message_id text,                    -- e-mail Message-ID
    status text NOT NULL,               -- pending, delivered, dead, cancelled
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until timestamptz,
    created_at timestamptz NOT NULL,
    retry_from timestamptz NOT NULL,    -- created, or redelivered by an admin: the give-up clock
    delivered_at timestamptz,
    dead_at timestamptz,
    last_status int,
    last_error text,
    last_latency_ms int,
    UNIQUE (source_event, transport, order_key)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_key_pending ON delivery (order_key, seq) WHERE status = 'pending';
CREATE INDEX delivery_complaint ON delivery (complaint_id, seq);
CREATE INDEX delivery_endpoint ON delivery (endpoint_id, seq);
CREATE INDEX delivery_message_id ON delivery (message_id) WHERE message_id IS NOT NULL;

-- Operator-edited message texts; absent kinds/locales use the shipped defaults.
CREATE TABLE message_template (
    kind text NOT NULL,
    locale text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (kind, locale)
);

-- Addresses the e-mail gateway reported as bouncing: not mailed again, the next route is used.
CREATE TABLE undeliverable_address (
    address text PRIMARY KEY,
    reason text NOT NULL,
    since timestamptz NOT NULL
);
