package io.complaintsuite.intake.delivery;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads intake's own complaint events and survey-service's notifications into deliveries. Reading
 * the published events (rather than writing deliveries inside every action) keeps the actions' hot
 * path as it was and gives one way in for both sources; the inbox makes it exactly once.
 */
@ApplicationScoped
public class DeliveryConsumers {
  static final String COMPLAINTS = "intake-service.deliveries";
  static final String NOTIFICATIONS = "intake-service.notifications";
  static final Set<String> COMPLAINT_TYPES =
      Set.of(
          EventType.COMPLAINT_RECEIVED.name(),
          EventType.COMPLAINT_MESSAGE_ADDED.name(),
          EventType.COMPLAINT_WAITING_FOR_CUSTOMER.name(),
          EventType.COMPLAINT_RESOLVED.name(),
          EventType.COMPLAINT_REOPENED.name(),
          EventType.COMPLAINT_CLOSED.name());
  static final Set<String> NOTIFICATION_TYPES = Set.of(EventType.NOTIFICATION_REQUESTED.name());

  private final Inbox inbox;
  private final Pool pool;
  private final DeliveryPlanner planner;
  private final Dispatcher dispatcher;

  public DeliveryConsumers(Inbox inbox, Pool pool, DeliveryPlanner planner, Dispatcher dispatcher) {
    this.inbox = inbox;
    this.pool = pool;
    this.planner = planner;
    this.dispatcher = dispatcher;
  }

  @Incoming("deliveries-in")
  public Uni<Void> onComplaintEvent(Message<String> message) {
    AtomicInteger planned = new AtomicInteger();
    return inbox
        .process(
            message,
            COMPLAINTS,
            COMPLAINT_TYPES,
            pool,
            (event, conn) ->
                planner.complaintEvent(event, conn).invoke(planned::set).replaceWithVoid())
        .invoke(() -> kickIf(planned));
  }

  @Incoming("notifications-in")
  public Uni<Void> onNotification(Message<String> message) {
    AtomicInteger planned = new AtomicInteger();
    return inbox
        .process(
            message,
            NOTIFICATIONS,
            NOTIFICATION_TYPES,
            pool,
            (event, conn) ->
                planner.notification(event, conn).invoke(planned::set).replaceWithVoid())
        .invoke(() -> kickIf(planned));
  }

  /**
   * A pass right away only when this record planned something (most complaint events mean no
   * message): the periodic pass covers the rest without a claim query per event.
   */
  private void kickIf(AtomicInteger planned) {
    if (planned.get() > 0) {
      dispatcher.kick();
    }
  }
}
