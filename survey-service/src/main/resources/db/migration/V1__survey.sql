-- What survey-service knows of a complaint: the customer (from complaint.received / resolved) and
-- the latest department, agent, priority and problem type (from assignment.created or resolved).
create table complaint_facts (
    complaint_id    uuid primary key,
    number          text,
    customer_id     text,
    customer_name   text,
    channel         text,
    problem_type    text,
    priority        text,
    department      text,
    agent           text,
    updated_at      timestamptz not null
);
create index complaint_facts_customer on complaint_facts (customer_id);

-- How to reach a customer, from the latest complaint.resolved (the only event carrying it).
create table customer_contact (
    customer_id     text primary key,
    name            text,
    phone           text,
    email           text,
    updated_at      timestamptz not null
);

-- One survey per complaint resolution (the reopen count at the resolution tells them apart).
-- state: scheduled -> sent -> answered, or cancelled (reopened before sending) or skipped
-- (skip_reason: fatigue, no-contact, too-late).
create table survey (
    id              text primary key,
    complaint_id    uuid not null,
    resolution      integer not null,
    number          text,
    customer_id     text not null,
    channel         text,
    problem_type    text,
    priority        text,
    department      text,
    agent           text,
    state           text not null,
    skip_reason     text,
    resolved_at     timestamptz not null,
    due_at          timestamptz not null,
    delivery        text,
    sent_at         timestamptz,
    expires_at      timestamptz,
    answered_at     timestamptz,
    updated_at      timestamptz not null,
    constraint survey_once_per_resolution unique (complaint_id, resolution)
);
create index survey_due on survey (due_at) where state = 'scheduled';
create index survey_customer_sent on survey (customer_id, sent_at) where sent_at is not null;
create index survey_sent_at on survey (sent_at) where sent_at is not null;

-- The customer's answer. The primary key is what makes a token single use.
create table survey_answer (
    survey_id        text primary key references survey (id),
    complaint_id     uuid not null,
    response_speed   integer not null check (response_speed between 1 and 5),
    attitude         integer not null check (attitude between 1 and 5),
    resolution       integer not null check (resolution between 1 and 5),
    nps              integer check (nps between 0 and 10),
    comment          text,
    answered_at      timestamptz not null
);

-- Supervisors' call-backs (主管二次回访). At most one active (not completed) task per complaint
-- resolution: a poor answer while the urgent call-back is still open adds its reason to it; after
-- a completed call-back a poor answer opens a new one.
-- state: open -> claimed -> completed (outcome: reached, not-reached, reopened).
create table callback_task (
    id              uuid primary key,
    complaint_id    uuid not null,
    resolution      integer not null,
    number          text,
    survey_id       text,
    reasons         text not null,
    department      text,
    agent           text,
    customer_id     text not null,
    customer_name   text,
    phone           text,
    email           text,
    state           text not null,
    due_at          timestamptz not null,
    claimed_by      text,
    claimed_at      timestamptz,
    outcome         text,
    note            text,
    completed_by    text,
    completed_at    timestamptz,
    created_at      timestamptz not null,
    version         integer not null default 0
);
create unique index callback_task_active on callback_task (complaint_id, resolution)
    where state <> 'completed';
create index callback_task_open on callback_task (due_at) where state <> 'completed';

-- Incident notices sent: once per (progress update, customer).
create table incident_notice (
    update_id       uuid not null,
    customer_id     text not null,
    incident_id     uuid not null,
    complaint_id    uuid not null,
    channel         text not null,
    sent_at         timestamptz not null,
    primary key (update_id, customer_id)
);
