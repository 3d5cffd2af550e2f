package io.complaintsuite.platform.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies one inbound event on a plain reactive SQL connection whose transaction also records the
 * event as processed. Same contract as {@link EventHandler}: throw {@link PoisonEventException} for
 * records that can never succeed; any other failure is retried, then dead-lettered.
 */
@FunctionalInterface
public interface SqlEventHandler {
  Uni<Void> handle(InboundEvent event, SqlConnection connection);
}
