package io.complaintsuite.routing.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.ComplaintTransferRequested;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.transfer.Transfers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes the {@code complaints} topic exactly once per event (the platform's inbox). */
@ApplicationScoped
public class ComplaintConsumer {
  static final String CONSUMER = "routing-service";
  private static final String RECEIVED = EventType.COMPLAINT_RECEIVED.name();
  private static final String TRANSFER = EventType.COMPLAINT_TRANSFER_REQUESTED.name();

  private final Inbox inbox;
  private final Router router;
  private final Transfers transfers;
  private final ObjectMapper json;
  private final OutboxKick kick;

  public ComplaintConsumer(
      Inbox inbox, Router router, Transfers transfers, ObjectMapper json, OutboxKick kick) {
    this.inbox = inbox;
    this.kick = kick;
    this.router = router;
    this.transfers = transfers;
    this.json = json;
  }

  @Incoming("complaints")
  public Uni<Void> onComplaint(Message<String> message) {
    return inbox
        .process(message, CONSUMER, Set.of(RECEIVED, TRANSFER), this::apply)
        .invoke(kick::kick);
  }

  private Uni<Void> apply(InboundEvent event) {
    if (RECEIVED.equals(event.type())) {
      ComplaintReceived complaint = event.dataAs(json, ComplaintReceived.class);
      if (complaint.complaintId() == null
          || complaint.customer() == null
          || complaint.customer().id() == null
          || complaint.description() == null
          || complaint.channel() == null
          || complaint.priority() == null) {
        throw new PoisonEventException(
            "complaint.received lacks complaintId, customer.id, channel, priority or description");
      }
      return router.route(complaint);
    }
    ComplaintTransferRequested request = event.dataAs(json, ComplaintTransferRequested.class);
    if (request.complaintId() == null || request.requestedBy() == null) {
      throw new PoisonEventException(
          "complaint.transfer-requested lacks complaintId or requestedBy");
    }
    return transfers
        .requested(request)
        .onFailure(ProblemException.class)
        .transform(
            e -> new PoisonEventException("transfer of an unknown complaint: " + e.getMessage()));
  }
}
