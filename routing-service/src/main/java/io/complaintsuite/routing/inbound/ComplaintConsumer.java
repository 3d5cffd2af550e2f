package io.complaintsuite.routing.inbound;

import static io.complaintsuite.platform.inbox.EventFields.required;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintLifecycle;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.ComplaintTransferRequested;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.OutboxKick;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.capacity.LifecycleEvents;
import io.complaintsuite.routing.model.Corrections;
import io.complaintsuite.routing.transfer.Transfers;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes the {@code complaints} topic exactly once per event (the platform's inbox). */
@ApplicationScoped
public class ComplaintConsumer {
  static final String CONSUMER = "routing-service";
  private static final String RECEIVED = EventType.COMPLAINT_RECEIVED.name();
  private static final String TRANSFER = EventType.COMPLAINT_TRANSFER_REQUESTED.name();
  private static final String RECLASSIFIED = EventType.COMPLAINT_RECLASSIFIED.name();
  private static final Set<String> RECLASSIFIED_ONLY = Set.of(RECLASSIFIED);
  private static final Set<String> RECEIVED_ONLY = Set.of(RECEIVED);
  private static final Set<String> TRANSFER_ONLY = Set.of(TRANSFER);
  private static final Set<String> LIFECYCLE = LifecycleEvents.TYPES;

  private final Inbox inbox;
  private final NewComplaintRouter router;
  private final Transfers transfers;
  private final LifecycleEvents lifecycle;
  private final Corrections corrections;
  private final ObjectMapper json;
  private final OutboxKick kick;
  private final Pool pool;

  public ComplaintConsumer(
      Inbox inbox,
      NewComplaintRouter router,
      Transfers transfers,
      LifecycleEvents lifecycle,
      Corrections corrections,
      ObjectMapper json,
      OutboxKick kick,
      Pool pool) {
    this.inbox = inbox;
    this.pool = pool;
    this.kick = kick;
    this.router = router;
    this.transfers = transfers;
    this.lifecycle = lifecycle;
    this.corrections = corrections;
    this.json = json;
  }

  @Incoming("complaints")
  public Uni<Void> onComplaint(Message<String> message) {
    // Every type on plain SQL in the inbox's transaction: complaint.received (the hot path),
    // resolved/closed/reopened/priority-changed (capacity), transfer requests.
    String type = typeOf(message);
    Uni<Void> processed =
        RECEIVED.equals(type)
            ? Uni.createFrom()
                .item(() -> prepare(message))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> inbox.process(message, CONSUMER, RECEIVED_ONLY, pool, this::route))
            : type != null && LIFECYCLE.contains(type)
                ? inbox.process(message, CONSUMER, LIFECYCLE, pool, lifecycle::apply)
                : RECLASSIFIED.equals(type)
                    ? inbox.process(message, CONSUMER, RECLASSIFIED_ONLY, pool, this::reclassify)
                    : inbox.process(message, CONSUMER, TRANSFER_ONLY, pool, this::transfer);
    return processed.invoke(kick::kick);
  }

  /** Embeds the complaint on this worker thread; a record that does not parse is the inbox's. */
  private Void prepare(Message<String> message) {
    try {
      router.prepare(json.readValue(message.getPayload(), ComplaintReceived.class));
    } catch (Exception unreadable) {
      // The inbox dead-letters it, naming what is wrong.
    }
    return null;
  }

  private static String typeOf(Message<String> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> m.getHeaders().lastHeader("ce_type"))
        .filter(h -> h.value() != null)
        .map(h -> new String(h.value(), StandardCharsets.UTF_8))
        .orElse(null);
  }

  private Uni<Void> route(InboundEvent event, SqlConnection conn) {
    ComplaintReceived complaint = event.dataAs(json, ComplaintReceived.class);
    required(complaint.complaintId(), "complaintId");
    required(complaint.number(), "number");
    required(complaint.channel(), "channel");
    required(complaint.priority(), "priority");
    required(complaint.description(), "description");
    required(required(complaint.customer(), "customer").id(), "customer.id");
    return router.route(complaint, conn);
  }

  private Uni<Void> reclassify(InboundEvent event, SqlConnection conn) {
    var e = event.dataAs(json, ComplaintLifecycle.Reclassified.class);
    return corrections.reclassified(
        conn,
        required(e.complaintId(), "complaintId"),
        required(e.problemType(), "problemType"),
        required(e.actor(), "actor"),
        e.reason(),
        required(e.occurredAt(), "occurredAt"));
  }

  private Uni<Void> transfer(InboundEvent event, SqlConnection conn) {
    ComplaintTransferRequested request = event.dataAs(json, ComplaintTransferRequested.class);
    required(request.complaintId(), "complaintId");
    required(request.requestedBy(), "requestedBy");
    return transfers
        .requested(conn, request)
        .onFailure(ProblemException.class)
        .transform(
            e -> new PoisonEventException("transfer of an unknown complaint: " + e.getMessage()));
  }
}
