-- Channel connections (渠道连接: web chat, app, social media, SMS and phone systems that
-- intake-service delivers customers' messages to), from intake's channel.connection-health on
-- complaints: the newest report per connection (by the event's occurredAt; an older one replayed
-- or re-sent later changes nothing). The board lists those failing, disabled or with dead
-- deliveries.
create table board_channel_connection (
    endpoint_id     uuid primary key,
    name            text not null,
    channel         text not null,
    state           text not null check (state in ('healthy', 'failing', 'disabled')),
    pending         integer not null check (pending >= 0),
    dead            integer not null check (dead >= 0),
    last_error      text,
    since           timestamptz not null,
    occurred_at     timestamptz not null
);

-- Same live path as risk cases and call-backs: the open pages re-read the board.
create trigger board_channel_connections after insert or update on board_channel_connection
    for each statement execute function board_notify_changed();
