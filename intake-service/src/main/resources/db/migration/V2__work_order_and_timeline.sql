-- The complaint's whole life: assignment, response, resolution, reopen, close.
alter table complaint
    add column department             text,
    add column agent                  text,
    add column responded_at           timestamptz,
    add column resolved_at            timestamptz,
    add column closed_at              timestamptz,
    add column reopen_count           integer not null default 0,
    add column transfer_requests      integer not null default 0,
    add column resolution_summary     text,
    add column root_cause             text,
    add column compensation_type      text,
    add column compensation_amount    numeric(12, 2),
    add column compensation_currency  text,
    add column compensation_note      text;

create index complaint_status on complaint (status, received_at desc, id);
create index complaint_department on complaint (department, received_at desc, id);
create index complaint_agent on complaint (agent, received_at desc, id);

-- Attachments are references only: the binary stays where the channel keeps it.
create table attachment (
    complaint_id  uuid not null references complaint (id),
    position      integer not null,
    name          text not null,
    media_type    text not null,
    size_bytes    bigint not null,
    url           text not null,
    primary key (complaint_id, position)
);

-- Everything that happened to a complaint, in order.
create table timeline_entry (
    id            uuid primary key,
    seq           bigserial not null unique,
    complaint_id  uuid not null references complaint (id),
    kind          text not null,
    actor         text not null,
    actor_role    text not null,
    occurred_at   timestamptz not null,
    text          text,
    details       text            -- JSON: what changed (priority from/to, ratings, department ...)
);
create index timeline_entry_complaint on timeline_entry (complaint_id, seq);

-- A follow-up retried with the same key returns the same message.
alter table idempotency_claim add column result_id uuid;
