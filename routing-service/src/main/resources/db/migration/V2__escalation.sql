-- How far an SLA alert has escalated the complaint: 0 none, 1 breached (supervisor), 2.. the
-- rungs of the escalation ladder (director). Raised only, so a late or repeated alert changes nothing.
alter table assignment
    add column escalation_level integer not null default 0,
    add column escalated_at     timestamptz;
