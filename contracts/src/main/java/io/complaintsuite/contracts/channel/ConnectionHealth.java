package io.complaintsuite.contracts.channel;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code channel.connection-health} v1 on {@code complaints} (key: the connection's
 * id): how a channel connection that intake-service delivers customers' messages to is doing.
 * {@code state}: {@code healthy}, {@code failing} (its circuit is open: requests keep failing),
 * {@code disabled} (it answered 410, or an admin disabled it). {@code deadDeliveries}: messages to
 * it that died (undelivered for 24 h) and were not sent again since. Schema: {@code
 * docs/events/channel.connection-health.v1.json}.
 */
public record ConnectionHealth(
    UUID endpointId,
    String name,
    String channel,
    String state,
    int pendingDeliveries,
    int deadDeliveries,
    String lastError,
    OffsetDateTime since,
    OffsetDateTime occurredAt) {}
