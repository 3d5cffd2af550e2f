-- SLA policies: versioned data; a timer keeps the version it started with.
create table sla_policy (
    id                   uuid primary key,
    priority             text not null,
    version              integer not null,
    response_minutes     integer not null,
    response_calendar    text not null,
    resolution_minutes   integer not null,
    resolution_calendar  text not null,
    created_by           text not null,
    created_at           timestamptz not null,
    constraint sla_policy_version unique (priority, version)
);

-- Defaults from the domain notes: urgent 15 min on 24x7 with the 24 h golden window; general 24 h,
-- low (consultation) 48 h to respond; resolution in 5 / 10 working days on the mainland calendar.
insert into sla_policy values
 ('00000000-0000-0000-0000-000000000001', 'urgent', 1, 15, '24x7', 1440, '24x7', 'default', now()),
 ('00000000-0000-0000-0000-000000000002', 'general', 1, 1440, '24x7', 2400, 'cn-business', 'default', now()),
 ('00000000-0000-0000-0000-000000000003', 'low', 1, 2880, '24x7', 4800, 'cn-business', 'default', now());

-- The complaint as the SLA sees it: the facts KPIs are computed from.
create table sla_complaint (
    complaint_id     uuid primary key,
    number           text,
    priority         text not null,
    channel          text,
    problem_type     text,
    department       text,
    agent            text,
    received_at      timestamptz not null,
    responded_at     timestamptz,
    resolved_at      timestamptz,
    closed_at        timestamptz,
    reopen_count     integer not null default 0,
    updated_at       timestamptz not null
);

-- One timer per complaint and kind (response, resolution). Working time already consumed is kept
-- across pauses; next_fire_at is when the checker must look at it next (null: nothing due).
create table sla_timer (
    id                 uuid primary key,
    complaint_id       uuid not null,
    number             text,
    kind               text not null,
    priority           text not null,
    policy_id          uuid not null references sla_policy (id),
    policy_version     integer not null,
    calendar           text not null,
    target_minutes     integer not null,
    state              text not null,
    started_at         timestamptz not null,
    resumed_at         timestamptz not null,
    consumed_seconds   bigint not null,
    warn_at            timestamptz,
    deadline_at        timestamptz not null,
    stage              text not null,
    escalation_level   integer not null,
    cycle              integer not null,
    next_fire_at       timestamptz,
    met_at             timestamptz,
    department         text,
    agent              text,
    updated_at         timestamptz not null,
    constraint sla_timer_kind unique (complaint_id, kind)
);
create index sla_timer_due on sla_timer (next_fire_at) where next_fire_at is not null;

-- Alerts raised; the unique key is the last guard against a stage alerting twice.
create table sla_alert (
    id               uuid primary key,
    timer_id         uuid not null references sla_timer (id),
    complaint_id     uuid not null,
    number           text,
    kind             text not null,
    timer_kind       text not null,
    level            integer not null,
    cycle            integer not null,
    recipient_role   text not null,
    recipient        text,
    department       text,
    priority         text not null,
    policy_version   integer not null,
    deadline_at      timestamptz not null,
    due_at           timestamptz not null,
    raised_at        timestamptz not null,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    constraint sla_alert_once unique (timer_id, cycle, kind, level)
);
create index sla_alert_raised on sla_alert (raised_at desc, id);

-- Survey answers for CSAT / NPS.
create table sla_survey (
    complaint_id   uuid primary key,
    csat           numeric(4,2),
    nps            integer,
    department     text,
    agent          text,
    channel        text,
    problem_type   text,
    answered_at    timestamptz not null
);

-- The latest assignment per complaint: routing's event may arrive before intake's received
-- (two topics, no order between them), so it is kept and applied when the timers start.
create table sla_assignment (
    complaint_id   uuid primary key,
    department     text,
    agent          text,
    problem_type   text,
    assigned_at    timestamptz not null
);
