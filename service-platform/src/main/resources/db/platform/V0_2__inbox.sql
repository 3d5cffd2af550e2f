-- Events a consumer has processed, so a redelivered or replayed event changes nothing.
create table processed_event (
    consumer      text not null,
    event_id      text not null,
    event_type    text not null,
    processed_at  timestamptz not null,
    primary key (consumer, event_id)
);
