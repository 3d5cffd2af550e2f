-- The W3C traceparent of the request or event that caused the event: the relay continues that
-- trace when it publishes, so one complaint's path is one trace (null: not traced).
alter table outbox_event add column trace_parent text;
