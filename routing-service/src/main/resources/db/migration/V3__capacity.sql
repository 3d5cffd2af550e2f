-- Capacity is a live resource (issue 17).
-- lifecycle: where intake says the complaint is: open, resolved or closed (a reopen makes it open).
-- load_held: whether this assignment counts in its agent's open_complaints now. Raised when an
-- agent takes the complaint, cleared when the load is released (resolved, closed, transferred
-- away, handed over), so a release never happens twice.
alter table assignment
    add column lifecycle  text not null default 'open',
    add column load_held  boolean not null default false;
update assignment set load_held = (status = 'assigned' and agent_id is not null);
create index assignment_held on assignment (agent_id) where load_held;
drop index if exists assignment_queue;
create index assignment_queue on assignment (department, created_at)
    where status = 'queued' and lifecycle = 'open';

-- Shifts: the weekly pattern (JSON, see docs/routing-service.md "Shifts"), null for a manual
-- on-duty flag only; scheduled_on_duty is what the schedule last said (null: not applied yet),
-- so the checker changes on_duty only at a shift boundary and a manual change holds until then.
alter table agent
    add column schedule           text,
    add column scheduled_on_duty  boolean;

-- Loads equal the assignments that hold them.
update agent set open_complaints =
    (select count(*) from assignment where assignment.agent_id = agent.id and assignment.load_held);
