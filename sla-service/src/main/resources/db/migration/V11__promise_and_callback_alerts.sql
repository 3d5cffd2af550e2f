-- The customer's expected resolution time (complaint.received's expectedResolutionAt): the policy's
-- deadline stays the target; a resolution deadline later than it flags the promise "at risk".
alter table sla_complaint add column expected_resolution_at timestamptz;

-- Overdue call-backs raise an alert too (kind callback-overdue, timer_kind callback): it has no
-- timer and no policy, and names the call-back instead; once per call-back.
alter table sla_alert alter column timer_id drop not null;
alter table sla_alert alter column priority drop not null;
alter table sla_alert add column callback_id uuid;
create unique index sla_alert_callback_once on sla_alert (callback_id, kind)
    where callback_id is not null;

-- The alert raised for a call-back still open at its due time (null: none yet).
alter table board_callback add column alert_id uuid;
create index board_callback_unalerted on board_callback (due_at)
    where completed_at is null and alert_id is null;
