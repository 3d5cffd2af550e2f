-- Reports generated on schedule (daily for yesterday, weekly on Mondays, monthly on the 1st), one
-- per kind and period; a regeneration replaces the body.
create table sla_report (
    id             uuid primary key,
    kind           text not null,
    period         text not null,
    generated_at   timestamptz not null,
    body           jsonb not null,
    constraint sla_report_period unique (kind, period)
);
create index sla_report_generated on sla_report (generated_at desc);

-- Mass incidents: a spike of complaints of one problem type, its member complaints and the
-- supervisors' progress updates.
create table sla_incident (
    id              uuid primary key,
    problem_type    text not null,
    title           text not null,
    status          text not null,
    detected_at     timestamptz not null,
    window_count    integer not null,
    baseline        double precision not null,
    peak_count      integer not null,
    subsided_at     timestamptz,
    resolved_at     timestamptz,
    updated_at      timestamptz not null
);
-- At most one incident per problem type that is not resolved.
create unique index sla_incident_active on sla_incident (problem_type) where status <> 'resolved';

create table sla_incident_member (
    incident_id     uuid not null references sla_incident (id),
    complaint_id    uuid not null,
    joined_at       timestamptz not null,
    primary key (incident_id, complaint_id)
);

create table sla_incident_update (
    id              uuid primary key,
    -- insertion order: two updates may carry the same posted_at (one clock tick)
    seq             bigserial not null,
    incident_id     uuid not null references sla_incident (id),
    status          text not null,
    message         text not null,
    posted_by       text not null,
    posted_at       timestamptz not null,
    member_count    integer not null
);
create index sla_incident_update_incident on sla_incident_update (incident_id, posted_at, seq);

-- Threshold alerts that are currently crossed: raised once when crossed, deleted when cleared.
create table sla_threshold_state (
    kpi             text not null,
    scope           text not null,
    value           double precision not null,
    threshold       double precision not null,
    crossed_at      timestamptz not null,
    primary key (kpi, scope)
);

-- Spike detection counts complaints per problem type and time.
create index sla_complaint_problem_received on sla_complaint (problem_type, received_at);
