-- Working time consumed is kept in milliseconds: in whole seconds every pause and regrade dropped
-- up to a second, so a timer paused twice promised a deadline up to two seconds late (issue 17).
alter table sla_timer rename column consumed_seconds to consumed_millis;
update sla_timer set consumed_millis = consumed_millis * 1000;
