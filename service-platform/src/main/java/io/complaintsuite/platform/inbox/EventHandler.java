package io.complaintsuite.platform.inbox;

import io.smallrye.mutiny.Uni;

/**
 * Applies one inbound event. Runs inside the transaction that also records the event as processed,
 * so its changes and the de-duplication commit together. Throw {@link PoisonEventException} for
 * records that can never succeed; any other failure is retried, then dead-lettered.
 */
@FunctionalInterface
public interface EventHandler {
  Uni<Void> handle(InboundEvent event);
}
