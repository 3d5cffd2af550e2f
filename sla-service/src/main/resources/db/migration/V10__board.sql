-- The supervisor's live board (package board). Versioned 10 to leave room for other changes.

-- Public-opinion risk (舆情) cases, from assignment.created's risk: the latest flag per complaint.
create table board_risk_case (
    complaint_id    uuid primary key,
    number          text,
    department      text,
    categories      text not null,
    terms           text not null,
    also_routed_to  text not null,
    flagged_at      timestamptz not null
);

-- Supervisors' call-backs (主管二次回访) from survey-service's survey.callback-opened / -completed.
create table board_callback (
    callback_id     uuid primary key,
    complaint_id    uuid not null,
    number          text,
    reasons         text not null,
    department      text,
    agent           text,
    due_at          timestamptz not null,
    opened_at       timestamptz not null,
    completed_at    timestamptz,
    outcome         text,
    completed_by    text
);
create index board_callback_pending on board_callback (due_at) where completed_at is null;

-- The board's live feed: every replica LISTENs on channel sla_board and pushes to its browsers.
-- An alert raised or acknowledged (by any replica) carries its id; other changes only say which
-- table changed (one notification per transaction: identical payloads are folded by PostgreSQL).
create function board_notify_alert() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform pg_notify('sla_board', json_build_object('alert', new.id, 'op', 'raised')::text);
  elsif new.acknowledged_at is not null and old.acknowledged_at is null then
    perform pg_notify('sla_board', json_build_object('alert', new.id, 'op', 'acknowledged')::text);
  end if;
  return null;
end $$;

create trigger board_alert after insert or update of acknowledged_at on sla_alert
    for each row execute function board_notify_alert();

create function board_notify_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('sla_board', json_build_object('changed', tg_table_name)::text);
  return null;
end $$;

create trigger board_incident after insert or update or delete on sla_incident
    for each statement execute function board_notify_changed();
create trigger board_incident_update after insert on sla_incident_update
    for each statement execute function board_notify_changed();
create trigger board_threshold after insert or update or delete on sla_threshold_state
    for each statement execute function board_notify_changed();
create trigger board_risk after insert or update on board_risk_case
    for each statement execute function board_notify_changed();
create trigger board_callbacks after insert or update on board_callback
    for each statement execute function board_notify_changed();
