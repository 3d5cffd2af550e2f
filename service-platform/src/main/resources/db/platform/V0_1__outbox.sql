-- The transactional outbox: events are written here in the same transaction as the change they
-- describe, and OutboxRelay publishes them to Kafka afterwards (at least once, in order per key).
create table outbox_event (
    id            uuid primary key,          -- the CloudEvents id; consumers de-duplicate on it
    seq           bigserial not null unique, -- publication order
    topic         text not null,
    record_key    text not null,
    type          text not null,
    subject       text,
    dataschema    text not null,
    payload       text not null,             -- JSON, as published
    occurred_at   timestamptz not null,
    published_at  timestamptz,
    attempts      integer not null default 0,
    last_error    text
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
