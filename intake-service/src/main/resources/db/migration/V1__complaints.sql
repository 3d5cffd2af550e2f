-- The complaint's standard work order (标准化工单).
create sequence complaint_number_seq;

create table complaint (
    id                      uuid primary key,
    number                  text not null unique,
    channel                 text not null,
    form                    text not null,
    external_id             text,
    customer_id             text not null,
    customer_name           text,
    customer_phone          text,
    customer_email          text,
    subject                 text not null,
    description             text not null,
    problem_type            text not null,
    priority                text not null,
    priority_given          boolean not null,
    status                  text not null,
    expected_resolution_at  timestamptz,
    received_at             timestamptz not null,
    received_by             text not null,   -- the channel client (token subject) that posted it
    updated_at              timestamptz not null,
    version                 bigint not null default 0,
    constraint complaint_channel_external_id unique (channel, external_id)
);
create index complaint_customer on complaint (customer_id, received_at desc);
create index complaint_received on complaint (received_at desc, id);

-- Claims that make a retried POST return the same complaint: one per Idempotency-Key (scoped to
-- the client) and one per channel + external id.
create table idempotency_claim (
    claim          text primary key,
    complaint_id   uuid not null references complaint (id) deferrable initially deferred,
    request_hash   text not null,
    created_at     timestamptz not null
);
